package io.launchpilot.wandb;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Several reads in one request: the document it makes, and its answers from the sandbox. */
@QuarkusTest
class WandbBatchTest {

    static final String ENTITY = "batch";

    @Inject
    WandbClient client;

    @Test
    void theDocumentIsOneValidOperationWithEachFragmentOnce() {
        WandbBatch batch = new WandbBatch("WatchPoll", request -> null);
        ProjectRef project = new ProjectRef("e", "p");
        batch.runs(project, RunQuery.all(), null, RunFields.FULL);
        batch.runs(new ProjectRef("e", "q"), RunQuery.all().withFilters("{\"state\":\"running\"}"), "c1", RunFields.FULL);
        batch.runs(project, RunQuery.all(), null, RunFields.STATE);
        batch.sweeps(project, null, 50, false);
        batch.sweep(new SweepRef("e", "p", "s1"), true);
        batch.queueItems(new QueueRef("e", "gpu"), null, 100);

        Document document = Parser.parse(batch.document());
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        assertEquals(1, operations.size());
        assertEquals("WatchPoll", operations.get(0).getName());
        assertEquals(6, operations.get(0).getSelectionSet().getSelections().size());
        assertEquals(Set.of("RunFragment", "RunState", "SweepState", "SweepFragment"),
                document.getDefinitionsOfType(FragmentDefinition.class).stream().map(FragmentDefinition::getName)
                        .collect(Collectors.toSet()));
        assertThrows(IllegalArgumentException.class, () -> new WandbBatch("Watch Poll", request -> null));
    }

    @Test
    void readsOfManyProjectsComeBackFromOneRequest() {
        String first = "b-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "b-" + UUID.randomUUID().toString().substring(0, 8);
        for (String project : List.of(first, first, second)) {
            given().contentType(ContentType.JSON).body(Map.of("entity", ENTITY, "project", project,
                    "summary", Map.of("loss", 0.5))).post("/sandbox/api/runs").then().statusCode(201);
        }
        long before = requests();

        WandbBatch batch = client.batch("BatchTest");
        WandbBatch.Part<Page<Run>> full = batch.runs(new ProjectRef(ENTITY, first), RunQuery.all(), null, RunFields.SUMMARY);
        WandbBatch.Part<Page<Run>> light = batch.runs(new ProjectRef(ENTITY, second), RunQuery.all(), null, RunFields.STATE);
        WandbBatch.Part<Page<Run>> missing = batch.runs(new ProjectRef(ENTITY, "nope-" + first), RunQuery.all(), null,
                RunFields.STATE);
        WandbBatch.Part<Optional<Sweep>> noSweep = batch.sweep(new SweepRef(ENTITY, first, "nosweep"), false);
        WandbBatch.Part<Page<RunQueueItem>> noQueue = batch.queueItems(new QueueRef(ENTITY, "noqueue"), null, 10);
        assertThrows(IllegalStateException.class, full::get);
        batch.execute();

        assertEquals(1, requests() - before, "one request for every read");
        assertEquals(2, full.get().items().size());
        assertEquals(0.5, full.get().items().get(0).summary().get("loss"));
        assertEquals(1, light.get().items().size());
        assertTrue(light.get().items().get(0).summary().isEmpty(), "STATE reads no summary");
        assertEquals("running", light.get().items().get(0).state());
        assertThrows(NoSuchElementException.class, missing::get);
        assertEquals(Optional.empty(), noSweep.get());
        assertThrows(NoSuchElementException.class, noQueue::get);
    }

    @Test
    void aReadWandbRefusesFailsTheWholeBatch() {
        String project = "b-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("entity", ENTITY, "project", project))
                .post("/sandbox/api/runs").then().statusCode(201);
        WandbBatch batch = client.batch("BatchTest");
        batch.runs(new ProjectRef(ENTITY, project), RunQuery.all(), null, RunFields.STATE);
        batch.runs(new ProjectRef(ENTITY, project), RunQuery.all().withFilters("{\"state\": {\"$bogus\": 1}}"), null,
                RunFields.STATE);
        WandbException failure = assertThrows(WandbException.class, batch::execute);
        assertEquals(WandbException.Kind.GRAPHQL_ERRORS, failure.kind());
        assertEquals("BatchTest", failure.operation());
    }

    private static long requests() {
        Number count = given().get("/sandbox/api/stats").then().extract().path("operations.BatchTest");
        return count == null ? 0 : count.longValue();
    }
}
