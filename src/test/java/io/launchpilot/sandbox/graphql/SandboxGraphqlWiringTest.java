package io.launchpilot.sandbox.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import graphql.schema.GraphQLObjectType;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SandboxGraphqlWiringTest {

    /** Types whose values are plain maps built by the fetcher that returns them. */
    private static final Set<String> MAP_TYPES = Set.of("ServerInfo", "ServerFeature", "ApiKey", "ApiKeyConnection",
            "ApiKeyEdge", "EntityConnection", "EntityEdge", "RunQueueItemInfoDetail", "Tag", "TemplateVariable");

    @Inject
    SandboxGraphql graphql;

    @Test
    void everyFieldOfARecordBackedTypeHasItsOwnFetcher() {
        Set<String> unexpected = graphql.mapBackedFields().stream()
                .filter(field -> {
                    String type = field.substring(0, field.indexOf('.'));
                    return graphql.schema().getType(type) instanceof GraphQLObjectType
                            && !MAP_TYPES.contains(type) && !type.endsWith("Payload");
                })
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unexpected);
    }

    @Test
    void theSchemaHasTheTypesTheSdkReads() {
        for (String type : Set.of("Project", "Run", "RunConnection", "Sweep", "RunQueue", "RunQueueItem",
                "DefaultResourceConfig", "TemplateVariable", "Entity", "User", "Artifact", "ArtifactSequence",
                "ArtifactPortfolio", "ArtifactCollectionMembership", "ArtifactAlias", "ArtifactType", "ServerInfo")) {
            assertEquals(true, graphql.schema().getType(type) instanceof GraphQLObjectType, type);
        }
    }

    @Test
    void unknownFieldMessagesUseWandbWording() {
        assertEquals("Cannot query field \"runSpec\" on type \"PushToRunQueueByNamePayload\".",
                SandboxGraphql.wandbMessage("Validation error (FieldUndefined@[pushToRunQueueByName/runSpec]) : "
                        + "Field 'runSpec' in type 'PushToRunQueueByNamePayload' is undefined"));
        assertEquals("something else", SandboxGraphql.wandbMessage("something else"));
    }
}
