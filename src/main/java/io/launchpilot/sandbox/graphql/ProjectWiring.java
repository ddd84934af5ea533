package io.launchpilot.sandbox.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;
import static io.launchpilot.sandbox.graphql.Fetchers.input;
import static io.launchpilot.sandbox.graphql.Fetchers.of;
import static io.launchpilot.sandbox.graphql.Fetchers.payload;
import static io.launchpilot.sandbox.graphql.Fetchers.string;

import graphql.schema.idl.RuntimeWiring;
import io.launchpilot.sandbox.Ids;
import io.launchpilot.sandbox.Project;
import io.launchpilot.sandbox.ProjectRef;
import io.launchpilot.sandbox.ProjectService;
import io.launchpilot.sandbox.Viewer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Projects: lookup, listing, upsertModel, and the project fields that are not runs, queues or artifacts. */
@ApplicationScoped
class ProjectWiring implements Wiring {

    private final ProjectService projects;

    ProjectWiring(ProjectService projects) {
        this.projects = projects;
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type(newTypeWiring("Query")
                .dataFetcher("project", env -> {
                    String name = env.getArgument("name");
                    String entity = env.getArgument("entityName");
                    return name == null ? null
                            : projects.find(new ProjectRef(entity == null ? Viewer.ENTITY : entity, name)).orElse(null);
                })
                .dataFetcher("models", env -> {
                    String entity = env.getArgument("entityName");
                    return projects.page(entity == null ? Viewer.ENTITY : entity, env.getArgument("after"),
                            env.getArgument("first"));
                }));
        wiring.type(newTypeWiring("Mutation")
                .dataFetcher("upsertModel", env -> {
                    Map<String, Object> input = input(env);
                    String entity = string(input, "entityName");
                    ProjectService.Upserted result = projects.upsert(
                            new ProjectRef(entity == null ? Viewer.ENTITY : entity, string(input, "name")),
                            string(input, "description"), string(input, "access"));
                    return payload("project", result.project(), "model", result.project(),
                            "inserted", result.inserted(), "clientMutationId", input.get("clientMutationId"));
                }));
        wiring.type(newTypeWiring("Project")
                .dataFetcher("id", of(Project.class, p -> Ids.project(p.ref())))
                .dataFetcher("internalId", of(Project.class, p -> String.valueOf(p.id())))
                .dataFetcher("name", of(Project.class, p -> p.ref().name()))
                .dataFetcher("entityName", of(Project.class, p -> p.ref().entity()))
                .dataFetcher("entity", of(Project.class, p -> new AccountWiring.Entity(p.ref().entity())))
                .dataFetcher("description", of(Project.class, Project::description))
                .dataFetcher("access", of(Project.class, Project::access))
                .dataFetcher("views", env -> "{}")
                .dataFetcher("readOnly", env -> false)
                .dataFetcher("isBenchmark", env -> false)
                .dataFetcher("createdAt", of(Project.class, Project::createdAt))
                .dataFetcher("user", env -> AccountWiring.VIEWER));
        wiring.type(newTypeWiring("Entity")
                .dataFetcher("projects", of(AccountWiring.Entity.class, (e, env) -> projects.page(
                        e.name(), env.getArgument("after"), env.getArgument("first")))));
    }
}
