package io.launchpilot.sandbox.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;
import static io.launchpilot.sandbox.graphql.Fetchers.input;
import static io.launchpilot.sandbox.graphql.Fetchers.jsonObject;
import static io.launchpilot.sandbox.graphql.Fetchers.objects;
import static io.launchpilot.sandbox.graphql.Fetchers.of;
import static io.launchpilot.sandbox.graphql.Fetchers.payload;
import static io.launchpilot.sandbox.graphql.Fetchers.string;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeRuntimeWiring;
import io.launchpilot.sandbox.Artifact;
import io.launchpilot.sandbox.ArtifactCollection;
import io.launchpilot.sandbox.ArtifactService;
import io.launchpilot.sandbox.ArtifactService.Version;
import io.launchpilot.sandbox.Ids;
import io.launchpilot.sandbox.Page;
import io.launchpilot.sandbox.Project;
import io.launchpilot.sandbox.ProjectRef;
import io.launchpilot.sandbox.ProjectService;
import io.launchpilot.sandbox.Run;
import io.launchpilot.sandbox.RunService;
import io.launchpilot.sandbox.Viewer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Artifacts: versions, collections (sequences and portfolios), memberships and aliases, a run's
 * logged artifacts, and linkArtifact / unlinkArtifact / addAliases.
 */
@ApplicationScoped
class ArtifactWiring implements Wiring {

    /** An alias on a membership. */
    record Alias(long membershipId, String alias, ArtifactCollection collection) {
    }

    /** An artifact type within a project. */
    record ArtifactType(ProjectRef project, String name) {
    }

    private final ArtifactService artifacts;
    private final ProjectService projects;
    private final RunService runs;

    ArtifactWiring(ArtifactService artifacts, ProjectService projects, RunService runs) {
        this.artifacts = artifacts;
        this.projects = projects;
        this.runs = runs;
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type(newTypeWiring("Query")
                .dataFetcher("artifact", env -> Ids.parse("Artifact", env.getArgument("id")).stream()
                        .mapToObj(id -> artifacts.artifact(id).orElse(null)).findFirst().orElse(null)));
        wiring.type(newTypeWiring("Project")
                .dataFetcher("artifactCollectionMembership", of(Project.class, (p, env) ->
                        artifacts.find(p.ref(), env.getArgument("name")).orElse(null)))
                .dataFetcher("artifact", of(Project.class, (p, env) ->
                        artifacts.find(p.ref(), env.getArgument("name")).map(Version::artifact).orElse(null)))
                .dataFetcher("artifactCollection", of(Project.class, (p, env) ->
                        artifacts.collection(p.ref(), env.getArgument("name")).orElse(null)))
                .dataFetcher("artifactType", of(Project.class, (p, env) -> artifacts.types(p.ref()).stream()
                        .filter(t -> t.equals(env.getArgument("name"))).findFirst()
                        .map(t -> new ArtifactType(p.ref(), t)).orElse(null)))
                .dataFetcher("artifactTypes", of(Project.class, (p, env) -> Page.ofList(
                        artifacts.types(p.ref()).stream().map(t -> new ArtifactType(p.ref(), t)).toList(),
                        env.getArgument("after"), env.getArgument("first")))));
        wiring.type(newTypeWiring("Run")
                .dataFetcher("outputArtifacts", of(Run.class, (r, env) ->
                        artifacts.loggedBy(r.ref(), env.getArgument("after"), env.getArgument("first"))))
                .dataFetcher("inputArtifacts", of(Run.class, (r, env) ->
                        Page.ofList(List.of(), env.getArgument("after"), env.getArgument("first")))));
        wiring.type(newTypeWiring("ArtifactEdge")
                .dataFetcher("version", of(Page.Edge.class, e -> "v" + ((Artifact) e.node()).versionIndex())));
        wiring.type(newTypeWiring("VersionedArtifactEdge")
                .dataFetcher("node", of(Page.Edge.class, e -> ((Version) e.node()).artifact()))
                .dataFetcher("version", of(Page.Edge.class, e -> "v" + ((Version) e.node()).membership().versionIndex())));
        wiring.type(newTypeWiring("Artifact")
                .dataFetcher("id", of(Artifact.class, a -> Ids.of("Artifact", a.id())))
                .dataFetcher("versionIndex", of(Artifact.class, Artifact::versionIndex))
                .dataFetcher("artifactType", of(Artifact.class, a -> new ArtifactType(artifacts.source(a).collection().project(), a.type())))
                .dataFetcher("artifactSequence", of(Artifact.class, a -> artifacts.source(a).collection()))
                .dataFetcher("description", of(Artifact.class, Artifact::description))
                .dataFetcher("metadata", of(Artifact.class, Artifact::metadata))
                .dataFetcher("ttlDurationSeconds", env -> -1)
                .dataFetcher("ttlIsInherited", env -> true)
                .dataFetcher("tags", of(Artifact.class, a -> a.tags().stream().map(t -> payload(
                        "id", Ids.named("Tag", t), "name", t)).toList()))
                .dataFetcher("historyStep", env -> null)
                .dataFetcher("state", env -> "COMMITTED")
                .dataFetcher("size", of(Artifact.class, a -> (int) a.size()))
                .dataFetcher("digest", of(Artifact.class, Artifact::digest))
                .dataFetcher("digestAlgorithm", env -> "MANIFEST_MD5")
                .dataFetcher("commitHash", of(Artifact.class, Artifact::digest))
                .dataFetcher("fileCount", env -> 0)
                .dataFetcher("createdAt", of(Artifact.class, Artifact::createdAt))
                .dataFetcher("updatedAt", of(Artifact.class, Artifact::updatedAt))
                .dataFetcher("aliases", of(Artifact.class, a -> artifacts.versions(a).stream()
                        .flatMap(v -> aliases(v).stream()).toList()))
                .dataFetcher("artifactMemberships", of(Artifact.class, (a, env) -> Page.ofList(artifacts.versions(a),
                        env.getArgument("after"), env.getArgument("first"))))
                .dataFetcher("createdBy", of(Artifact.class, a -> a.createdBy() == null ? null
                        : runs.find(a.createdBy()).orElse(null))));
        for (String type : List.of("ArtifactSequence", "ArtifactPortfolio")) {
            wiring.type(collectionFields(newTypeWiring(type)));
        }
        wiring.type(newTypeWiring("ArtifactCollection").typeResolver(env -> env.getSchema().getObjectType(
                ((ArtifactCollection) env.getObject()).portfolio() ? "ArtifactPortfolio" : "ArtifactSequence")));
        wiring.type(newTypeWiring("ArtifactCollectionMembership")
                .dataFetcher("id", of(Version.class, v -> Ids.of("ArtifactCollectionMembership", v.membership().id())))
                .dataFetcher("versionIndex", of(Version.class, v -> v.membership().versionIndex()))
                .dataFetcher("createdAt", of(Version.class, v -> v.membership().createdAt()))
                .dataFetcher("aliases", of(Version.class, ArtifactWiring::aliases))
                .dataFetcher("artifactCollection", of(Version.class, Version::collection))
                .dataFetcher("artifact", of(Version.class, Version::artifact)));
        wiring.type(newTypeWiring("ArtifactAlias")
                .dataFetcher("id", of(Alias.class, a -> Ids.alias(a.membershipId(), a.alias())))
                .dataFetcher("alias", of(Alias.class, Alias::alias))
                .dataFetcher("artifactCollectionName", of(Alias.class, a -> a.collection().name()))
                .dataFetcher("artifactCollection", of(Alias.class, Alias::collection)));
        wiring.type(newTypeWiring("ArtifactType")
                .dataFetcher("id", of(ArtifactType.class, t -> Ids.named("ArtifactType", t.project().entity(),
                        t.project().name(), t.name())))
                .dataFetcher("name", of(ArtifactType.class, ArtifactType::name))
                .dataFetcher("description", env -> null)
                .dataFetcher("createdAt", env -> null)
                .dataFetcher("project", of(ArtifactType.class, t -> projects.find(t.project()).orElse(null)))
                .dataFetcher("artifactCollection", of(ArtifactType.class, (t, env) ->
                        artifacts.collection(t.project(), env.getArgument("name"))
                                .filter(c -> c.type().equals(t.name())).orElse(null)))
                .dataFetcher("artifactCollections", of(ArtifactType.class, (t, env) -> Page.ofList(
                        artifacts.collections(t.project(), t.name()), env.getArgument("after"), env.getArgument("first")))));
        wiring.type(newTypeWiring("Mutation")
                .dataFetcher("linkArtifact", this::link)
                .dataFetcher("unlinkArtifact", env -> {
                    Map<String, Object> input = input(env);
                    boolean unlinked = artifacts.unlink(Ids.require("Artifact", string(input, "artifactID")),
                            Ids.require("ArtifactCollection", string(input, "artifactPortfolioID")));
                    return payload("artifactID", string(input, "artifactID"), "success", unlinked,
                            "clientMutationId", input.get("clientMutationId"));
                })
                .dataFetcher("addAliases", env -> {
                    Map<String, Object> input = input(env);
                    artifacts.addAliases(Ids.require("Artifact", string(input, "artifactID")), collectionAliases(input));
                    return payload("success", true, "clientMutationId", input.get("clientMutationId"));
                })
                .dataFetcher("deleteAliases", env -> {
                    Map<String, Object> input = input(env);
                    artifacts.removeAliases(Ids.require("Artifact", string(input, "artifactID")), collectionAliases(input));
                    return payload("success", true, "clientMutationId", input.get("clientMutationId"));
                })
                .dataFetcher("updateArtifact", env -> {
                    Map<String, Object> input = input(env);
                    Artifact artifact = artifacts.edit(Ids.require("Artifact", string(input, "artifactID")),
                            string(input, "description"), jsonObject(input.get("metadata"), "metadata"),
                            tagNames(input.get("tagsToAdd")), tagNames(input.get("tagsToDelete")));
                    return payload("artifact", artifact, "clientMutationId", input.get("clientMutationId"));
                }));
    }

    private TypeRuntimeWiring.Builder collectionFields(TypeRuntimeWiring.Builder type) {
        return type
                .dataFetcher("id", of(ArtifactCollection.class, c -> Ids.of("ArtifactCollection", c.id())))
                .dataFetcher("name", of(ArtifactCollection.class, ArtifactCollection::name))
                .dataFetcher("description", of(ArtifactCollection.class, ArtifactCollection::description))
                .dataFetcher("createdAt", of(ArtifactCollection.class, ArtifactCollection::createdAt))
                .dataFetcher("project", of(ArtifactCollection.class, c -> projects.find(c.project()).orElse(null)))
                .dataFetcher("defaultArtifactType", of(ArtifactCollection.class, c -> new ArtifactType(c.project(), c.type())))
                .dataFetcher("aliases", of(ArtifactCollection.class, (c, env) -> Page.ofList(
                        artifacts.versions(c, null, null).nodes().stream().flatMap(v -> aliases(v).stream()).toList(),
                        env.getArgument("after"), env.getArgument("first"))))
                .dataFetcher("artifacts", of(ArtifactCollection.class, (c, env) ->
                        artifacts.versions(c, env.getArgument("after"), env.getArgument("first"))))
                .dataFetcher("artifactMembership", of(ArtifactCollection.class, (c, env) ->
                        artifacts.find(c, env.getArgument("aliasName")).orElse(null)))
                .dataFetcher("artifactMemberships", of(ArtifactCollection.class, (c, env) ->
                        artifacts.versions(c, env.getArgument("after"), env.getArgument("first"))));
    }

    /**
     * linkArtifact: into {@code entityName}/{@code projectName}/{@code artifactPortfolioName}
     * (a registry when the project is {@code wandb-registry-*}), or into the portfolio by id.
     */
    private Map<String, Object> link(DataFetchingEnvironment env) {
        Map<String, Object> input = input(env);
        String portfolioId = string(input, "artifactPortfolioID");
        String entity = string(input, "entityName");
        String project = string(input, "projectName");
        Version version = artifacts.link(Ids.require("Artifact", string(input, "artifactID")),
                project == null ? null : new ProjectRef(entity == null ? Viewer.ENTITY : entity, project),
                string(input, "artifactPortfolioName"),
                portfolioId == null ? null : Ids.require("ArtifactCollection", portfolioId),
                objects(input.get("aliases")).stream().map(a -> string(a, "alias")).toList());
        return payload("versionIndex", version.membership().versionIndex(), "artifactMembership", version,
                "clientMutationId", input.get("clientMutationId"));
    }

    private static List<ArtifactService.CollectionAlias> collectionAliases(Map<String, Object> input) {
        return objects(input.get("aliases")).stream().map(a -> new ArtifactService.CollectionAlias(
                new ProjectRef(string(a, "entityName"), string(a, "projectName")),
                string(a, "artifactCollectionName"), string(a, "alias"))).toList();
    }

    private static List<String> tagNames(Object tags) {
        return objects(tags).stream().map(t -> string(t, "tagName")).toList();
    }

    private static List<Alias> aliases(Version version) {
        return version.membership().aliases().stream()
                .map(alias -> new Alias(version.membership().id(), alias, version.collection())).toList();
    }
}
