package io.launchpilot.sandbox.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;
import static io.launchpilot.sandbox.graphql.Fetchers.of;

import graphql.schema.idl.RuntimeWiring;
import io.launchpilot.sandbox.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Relay connections, edges and page info, all served from {@link Page}. */
@ApplicationScoped
class PagingWiring implements Wiring {

    /** The node types of the schema's connections ({@code <node>Connection}, {@code <node>Edge}). */
    private static final List<String> CONNECTIONS = List.of("Run", "Sweep", "RunQueueItem", "Project", "ArtifactType",
            "ArtifactCollection", "ArtifactCollectionMembership", "ArtifactAlias", "Artifact", "VersionedArtifact");

    /** Edges whose node is not the page's item ({@link ArtifactWiring} serves them). */
    private static final List<String> OWN_EDGES = List.of("VersionedArtifact");

    @Override
    @SuppressWarnings("rawtypes")
    public void wire(RuntimeWiring.Builder wiring) {
        for (String node : CONNECTIONS) {
            wiring.type(newTypeWiring(node + "Connection")
                    .dataFetcher("edges", of(Page.class, Page::edges))
                    .dataFetcher("pageInfo", of(Page.class, page -> page))
                    .dataFetcher("totalCount", of(Page.class, Page::totalCount)));
            wiring.type(newTypeWiring(node + "Edge")
                    .dataFetcher("cursor", of(Page.Edge.class, Page.Edge::cursor)));
            if (!OWN_EDGES.contains(node)) {
                wiring.type(newTypeWiring(node + "Edge").dataFetcher("node", of(Page.Edge.class, Page.Edge::node)));
            }
        }
        wiring.type(newTypeWiring("PageInfo")
                .dataFetcher("startCursor", of(Page.class, Page::startCursor))
                .dataFetcher("endCursor", of(Page.class, Page::endCursor))
                .dataFetcher("hasNextPage", of(Page.class, Page::hasNextPage))
                .dataFetcher("hasPreviousPage", of(Page.class, Page::hasPreviousPage)));
    }
}
