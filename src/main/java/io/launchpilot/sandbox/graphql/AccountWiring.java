package io.launchpilot.sandbox.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;
import static io.launchpilot.sandbox.graphql.Fetchers.of;
import static io.launchpilot.sandbox.graphql.Fetchers.payload;

import graphql.schema.idl.RuntimeWiring;
import io.launchpilot.sandbox.Ids;
import io.launchpilot.sandbox.Viewer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The viewer, entities, the organization and server features. Every API key is the sandbox's
 * one user; any entity name exists, and all belong to the one organization (see {@link Viewer}).
 */
@ApplicationScoped
class AccountWiring implements Wiring {

    /** The server features the SDK probes, as far as the sandbox implements them. */
    static final List<String> FEATURES = List.of(
            "ARTIFACT_MEMBERSHIP_IN_LINK_ARTIFACT_RESPONSE",
            "ARTIFACT_DIGEST_ALGORITHM",
            "SWEEPS_QUERY_FILTERING");

    /** An entity (user or team) by name. */
    record Entity(String name) {
    }

    /** The organization; its org entity holds the registries. */
    record Organization(String name, Entity orgEntity) {
    }

    static final Organization ORGANIZATION = new Organization(Viewer.ORGANIZATION, new Entity(Viewer.ORG_ENTITY));

    /** The one user. */
    record User() {
    }

    static final User VIEWER = new User();

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type(newTypeWiring("Query")
                .dataFetcher("viewer", env -> VIEWER)
                .dataFetcher("serverInfo", env -> payload(
                        "features", FEATURES.stream().map(f -> payload("name", f, "isEnabled", true)).toList(),
                        "availableBucketProviders", List.of()))
                .dataFetcher("entity", env -> {
                    String name = env.getArgument("name");
                    return name == null || name.isBlank() ? null : new Entity(name);
                }));
        wiring.type(newTypeWiring("User")
                .dataFetcher("id", env -> Ids.named("User", Viewer.USERNAME))
                .dataFetcher("name", env -> Viewer.DISPLAY_NAME)
                .dataFetcher("username", env -> Viewer.USERNAME)
                .dataFetcher("email", env -> Viewer.EMAIL)
                .dataFetcher("admin", env -> false)
                .dataFetcher("flags", env -> "{}")
                .dataFetcher("entity", env -> Viewer.ENTITY)
                .dataFetcher("deletedAt", env -> null)
                .dataFetcher("photoUrl", env -> null)
                .dataFetcher("defaultEntity", env -> new Entity(Viewer.ENTITY))
                .dataFetcher("apiKeys", env -> payload("edges", List.of(payload("node", payload(
                        "id", Ids.named("ApiKey", "sandbox"), "name", "sandbox", "description", "any key works")))))
                .dataFetcher("teams", env -> payload("edges", List.of()))
                .dataFetcher("organizations", env -> List.of(ORGANIZATION)));
        wiring.type(newTypeWiring("Entity")
                .dataFetcher("id", of(Entity.class, e -> Ids.named("Entity", e.name())))
                .dataFetcher("name", of(Entity.class, Entity::name))
                .dataFetcher("isTeam", of(Entity.class, e -> !e.name().equals(Viewer.ENTITY)))
                .dataFetcher("available", env -> true)
                .dataFetcher("readOnly", env -> false)
                .dataFetcher("organization", env -> ORGANIZATION)
                .dataFetcher("user", of(Entity.class, e -> e.name().equals(Viewer.ENTITY) ? VIEWER : null)));
        wiring.type(newTypeWiring("Organization")
                .dataFetcher("id", of(Organization.class, o -> Ids.named("Organization", o.name())))
                .dataFetcher("name", of(Organization.class, Organization::name))
                .dataFetcher("orgEntity", of(Organization.class, Organization::orgEntity)));
    }
}
