package io.launchpilot.wandb;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The batched queue read: several entities in one request, items left out, missing projects told apart. */
@QuarkusTest
class RunQueuesWithConfigTest {

    @Inject
    WandbClient client;

    @Test
    void theDocumentForSeveralEntitiesAliasesOneProjectFieldEach() {
        Document document = Parser.parse(RunQueuesWithConfig.document(3));
        OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).get(0);
        assertEquals("RunQueuesWithConfig", operation.getName());
        assertEquals(4, operation.getVariableDefinitions().size());
        List<String> aliases = new ArrayList<>();
        operation.getSelectionSet().getSelectionsOfType(Field.class).forEach(field -> aliases.add(field.getAlias()));
        assertEquals(List.of("entity0", "entity1", "entity2"), aliases);
        assertEquals(Operation.RUN_QUEUES_WITH_CONFIG.document(), RunQueuesWithConfig.document(1));
    }

    @Test
    void oneRequestReadsTheQueuesOfSeveralEntities() {
        given().post("/sandbox/api/reset").then().statusCode(200);
        client.upsertQueue(new QueueSpec(new QueueRef("batch-a", "q1"), "kubernetes", Map.of("namespace", "{{ns}}"),
                List.of(new TemplateVariable("ns", "namespace", Map.of("type", "string", "default", "ml"))),
                PrioritizationMode.V0, List.of(new ExternalLink("docs", "https://docs.example"))));
        client.upsertQueue(new QueueSpec(new QueueRef("batch-b", "q2"), "local-process", Map.of(), List.of(),
                PrioritizationMode.DISABLED, List.of()));
        int before = requests();

        List<EntityRunQueues> read = client.queuesWithConfig(List.of("batch-a", "batch-b", "batch-none", "batch-a"));

        assertEquals(1, requests() - before);
        assertEquals(List.of("batch-a", "batch-b", "batch-none"), read.stream().map(EntityRunQueues::entity).toList());
        RunQueue q1 = read.get(0).queues().get(0);
        assertEquals(new QueueRef("batch-a", "q1"), q1.ref());
        assertEquals(PrioritizationMode.V0, q1.prioritizationMode());
        assertEquals(Map.of("namespace", "{{ns}}"), q1.defaultResourceConfig().resourceArgs());
        assertEquals("ns", q1.defaultResourceConfig().templateVariables().get(0).name());
        assertEquals(List.of(new ExternalLink("docs", "https://docs.example")), q1.externalLinks());
        assertTrue(read.get(1).projectExists());
        assertFalse(read.get(2).projectExists());
        assertEquals(List.of(), read.get(2).queues());

        assertEquals(q1.id(), client.queueSettings(new QueueRef("batch-a", "q1")).orElseThrow().id());
        assertTrue(client.queueSettings(new QueueRef("batch-a", "none")).isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static int requests() {
        Map<String, Object> stats = given().get("/sandbox/api/stats").then().extract().as(Map.class);
        return ((Number) stats.get("total")).intValue();
    }
}
