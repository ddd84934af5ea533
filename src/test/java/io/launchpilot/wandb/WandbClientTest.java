package io.launchpilot.wandb;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.launchpilot.wandb.FakeGraphqlServer.Received;
import io.launchpilot.wandb.FakeGraphqlServer.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the facade sends and how it reads the answers, against a scripted server: the request shapes
 * the SDK uses, paging, and the checks made before anything is sent.
 */
class WandbClientTest {

    private static Vertx vertx;
    private FakeGraphqlServer server;
    private WandbClient client;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close();
    }

    @BeforeEach
    void start() throws Exception {
        server = new FakeGraphqlServer(vertx, call -> Reply.data("{}"));
        WandbEndpoint endpoint = new WandbEndpoint(server.url(), Optional.of(GraphqlTransportTest.KEY), () -> 0);
        GraphqlTransport transport = new GraphqlTransport(vertx, endpoint, Duration.ofSeconds(5),
                new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Clock.systemUTC(), () -> 0), duration -> {
                }, new SimpleMeterRegistry());
        client = new WandbClient(endpoint, transport, Optional.empty());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private void answer(Function<Received, String> dataByCall) {
        server.script(call -> Reply.data(dataByCall.apply(call)));
    }

    private List<String> operations() {
        return server.received.stream().map(Received::operationName).collect(Collectors.toList());
    }

    private JsonNode variables(String operation) {
        return server.received.stream().filter(call -> operation.equals(call.operationName())).findFirst()
                .orElseThrow().variables();
    }

    private static String runEdge(String name, String cursor) {
        return "{\"node\": {\"id\": \"id-" + name + "\", \"name\": \"" + name
                + "\", \"createdAt\": \"2024-05-01T10:00:00\"}, \"cursor\": \"" + cursor + "\"}";
    }

    @Test
    void createQueueSendsTheSdksThreeCalls() {
        answer(call -> switch (call.operationName()) {
            case "CreateProject" -> "{\"result\": {\"project\": {\"id\": \"p\", \"name\": \"model-registry\","
                    + " \"entityName\": \"demo\"}, \"inserted\": true}}";
            case "CreateDefaultResourceConfig" ->
                "{\"createDefaultResourceConfig\": {\"defaultResourceConfigID\": \"cfg9\", \"success\": true}}";
            default -> "{\"createRunQueue\": {\"success\": true, \"queueID\": \"q9\"}}";
        });

        CreatedQueue created = client.createQueue(new QueueSpec(new QueueRef("demo", "gpu"), "kubernetes",
                Map.of("namespace", "ml"), List.of(new TemplateVariable("gpus", null, Map.of("type", "integer"))),
                PrioritizationMode.DISABLED, List.of()));

        assertEquals(new CreatedQueue("q9", new QueueRef("demo", "gpu"), "cfg9"), created);
        assertEquals(List.of("CreateProject", "CreateDefaultResourceConfig", "CreateRunQueue"), operations());
        JsonNode project = variables("CreateProject").path("input");
        assertEquals("model-registry", project.path("name").asText());
        assertEquals("demo", project.path("entityName").asText());
        JsonNode config = variables("CreateDefaultResourceConfig");
        assertEquals("{\"resource_args\":{\"kubernetes\":{\"namespace\":\"ml\"}}}", config.path("config").asText());
        assertEquals("{\"gpus\":{\"schema\":{\"type\":\"integer\"}}}", config.path("templateVariables").asText());
        JsonNode queue = variables("CreateRunQueue");
        assertEquals("model-registry", queue.path("project").asText());
        assertEquals("PROJECT", queue.path("access").asText());
        assertEquals("cfg9", queue.path("defaultResourceConfigID").asText());
        assertFalse(queue.has("prioritizationMode"), "the SDK sends a mode only for V0");
    }

    @Test
    void createQueueFailsWhenTheServerSaysNo() {
        answer(call -> call.operationName().equals("CreateProject")
                ? "{\"result\": {\"project\": {\"id\": \"p\"}, \"inserted\": false}}"
                : "{\"createDefaultResourceConfig\": {\"defaultResourceConfigID\": null, \"success\": false}}");

        WandbException e = assertThrows(WandbException.class, () -> client.createQueue(new QueueSpec(
                new QueueRef("demo", "gpu"), "local-process", null, null, null, null)));

        assertEquals(WandbException.Kind.REJECTED, e.kind());
        assertEquals("CreateDefaultResourceConfig", e.operation());
        assertFalse(operations().contains("CreateRunQueue"));
    }

    @Test
    void upsertQueueSendsTheSdkShapesAndReturnsWarnings() {
        answer(call -> call.operationName().equals("CreateProject")
                ? "{\"result\": {\"project\": {\"id\": \"p\"}, \"inserted\": false}}"
                : "{\"upsertRunQueue\": {\"success\": true, \"configSchemaValidationErrors\": [\"spec.x unknown\"]}}");

        List<String> warnings = client.upsertQueue(new QueueSpec(new QueueRef("demo", "gpu"), "kubernetes",
                Map.of("namespace", "ml"), List.of(), PrioritizationMode.V0,
                List.of(new ExternalLink("Runbook", "https://x/rb"))));

        assertEquals(List.of("spec.x unknown"), warnings);
        JsonNode upsert = variables("UpsertRunQueue");
        assertEquals("model-registry", upsert.path("projectName").asText());
        assertEquals("kubernetes", upsert.path("resourceType").asText());
        assertEquals("{\"resource_args\":{\"kubernetes\":{\"namespace\":\"ml\"}}}", upsert.path("resourceConfig").asText());
        assertEquals("{\"links\":[{\"label\":\"Runbook\",\"url\":\"https://x/rb\"}]}", upsert.path("externalLinks").asText());
        assertEquals("{}", upsert.path("templateVariables").asText());
        assertEquals("V0", upsert.path("prioritizationMode").asText());
    }

    @Test
    void queueReadsAllItemPagesAfterTheNestedFirstPage() {
        answer(call -> call.operationName().equals("GetRunQueueByName")
                ? "{\"project\": {\"runQueue\": {\"id\": \"q\", \"name\": \"gpu\", \"entityName\": \"demo\","
                        + " \"runQueueItems\": {\"pageInfo\": {\"endCursor\": \"c1\", \"hasNextPage\": true},"
                        + " \"edges\": [{\"node\": {\"id\": \"i1\", \"state\": \"PENDING\"}}]}}}}"
                : call.variables().path("cursor").asText().equals("c1")
                        ? "{\"project\": {\"runQueue\": {\"runQueueItems\": {\"pageInfo\": {\"endCursor\": \"c2\","
                                + " \"hasNextPage\": true}, \"edges\": [{\"node\": {\"id\": \"i2\", \"state\": \"LEASED\"}}]}}}}"
                        : "{\"project\": {\"runQueue\": {\"runQueueItems\": {\"pageInfo\": {\"endCursor\": \"c3\","
                                + " \"hasNextPage\": false}, \"edges\": [{\"node\": {\"id\": \"i3\", \"state\": \"CLAIMED\","
                                + " \"associatedRunId\": \"r3\"}}]}}}}");

        RunQueue queue = client.queue(new QueueRef("demo", "gpu"), 1).orElseThrow();

        assertEquals(List.of("i1", "i2", "i3"), queue.items().stream().map(RunQueueItem::id).toList());
        assertEquals("r3", queue.items().get(2).associatedRunId());
        assertEquals(List.of("GetRunQueueByName", "GetRunQueueItems", "GetRunQueueItems"), operations());
        assertEquals(1, variables("GetRunQueueByName").path("itemsPerPage").asInt());
    }

    @Test
    void aMissingQueueOrRunOrSweepIsEmpty() {
        answer(call -> "{\"project\": null}");
        assertTrue(client.queue(new QueueRef("demo", "nope")).isEmpty());
        assertTrue(client.run(new RunRef("demo", "vision", "nope")).isEmpty());
        assertTrue(client.sweep(new SweepRef("demo", "vision", "nope")).isEmpty());
        assertTrue(client.queues("demo").isEmpty());
        assertThrows(NoSuchElementException.class,
                () -> client.runsPage(new ProjectRef("demo", "nope"), RunQuery.all(), null));
    }

    @Test
    void runsPagesOnTheLastEdgeCursorAndStopsAtTheLimit() {
        answer(call -> {
            String cursor = call.variables().path("cursor").asText("");
            return switch (cursor) {
                case "" -> "{\"project\": {\"runCount\": 6, \"runs\": {\"edges\": [" + runEdge("r1", "e1") + ","
                        + runEdge("r2", "e2") + "], \"pageInfo\": {\"endCursor\": \"ignored\", \"hasNextPage\": true}}}}";
                case "e2" -> "{\"project\": {\"runCount\": 6, \"runs\": {\"edges\": [" + runEdge("r3", "e3") + ","
                        + runEdge("r4", "e4") + "], \"pageInfo\": {\"endCursor\": \"ignored\", \"hasNextPage\": true}}}}";
                default -> "{\"project\": {\"runCount\": 6, \"runs\": {\"edges\": [" + runEdge("r5", "e5") + ","
                        + runEdge("r6", "e6") + "], \"pageInfo\": {\"endCursor\": \"e6\", \"hasNextPage\": false}}}}";
            };
        });
        ProjectRef project = new ProjectRef("demo", "vision");
        RunQuery query = RunQuery.all().withPerPage(2).withFilters("{\"state\":\"running\"}").withOrder("-created_at");

        assertEquals(List.of("r1", "r2", "r3"), client.runs(project, query, 3).map(run -> run.ref().name()).toList());
        assertEquals(2, server.received.size(), "no page is fetched beyond the limit");
        JsonNode first = server.received.get(0).variables();
        assertEquals("{\"state\":\"running\"}", first.path("filters").asText());
        assertEquals("-created_at", first.path("order").asText());
        assertEquals(2, first.path("perPage").asInt());
        assertEquals("e2", server.received.get(1).variables().path("cursor").asText());

        server.received.clear();
        assertEquals(6, client.runs(project, query, 100).count());
        assertEquals(3, server.received.size());

        Page<Run> page = client.runsPage(project, query, null);
        assertEquals("e2", page.nextCursor());
        assertEquals(6L, page.total());
    }

    @Test
    void aSmallLimitAsksForNoMoreRunsThanNeeded() {
        answer(call -> "{\"project\": {\"runs\": {\"edges\": [" + runEdge("r1", "e1")
                + "], \"pageInfo\": {\"hasNextPage\": true}}}}");
        assertEquals(1, client.runs(new ProjectRef("demo", "vision"), RunQuery.all(), 1).count());
        assertEquals(1, server.received.get(0).variables().path("perPage").asInt());
        assertEquals("{}", server.received.get(0).variables().path("filters").asText());
        assertEquals("+created_at", server.received.get(0).variables().path("order").asText());
    }

    @Test
    void updateRunMergesConfigAndSummaryAndCarriesInternalConfig() {
        answer(call -> "{\"upsertBucket\": {\"bucket\": {\"id\": \"id-r1\", \"name\": \"r1\", \"tags\": [\"best\"],"
                + " \"config\": " + TextNode.valueOf(
                        call.variables().path("config").asText()) + ", \"summaryMetrics\": "
                + TextNode.valueOf(call.variables().path("summaryMetrics").asText())
                + "}}}");
        Run run = new Run("id-r1", new RunRef("demo", "vision", "r1"), "r1", "finished", Map.of("lr", 0.1),
                Map.of("_wandb", Map.of("cli_version", "0.30.0")), Map.of("loss", 0.5), List.of("old"), null,
                null, null, null, null, null, null, null, "1");

        Run updated = client.updateRun(run, new RunUpdate(List.of("best"), Map.of("batch", 64), Map.of("acc", 0.9)));

        JsonNode sent = variables("UpsertBucket");
        assertEquals("id-r1", sent.path("id").asText());
        assertEquals("[\"best\"]", sent.path("tags").toString());
        JsonNode config = WandbJson.readTree(sent.path("config").asText());
        assertEquals(0.1, config.path("lr").path("value").asDouble());
        assertEquals(64, config.path("batch").path("value").asInt());
        assertEquals("0.30.0", config.path("_wandb").path("value").path("cli_version").asText());
        assertEquals(Map.of("loss", 0.5, "acc", 0.9), WandbJson.object(sent.get("summaryMetrics")));
        assertEquals(Map.of("lr", 0.1, "batch", 64), updated.config());
        assertEquals(Map.of("_wandb", Map.of("cli_version", "0.30.0")), updated.internalConfig());
        assertEquals(List.of("best"), updated.tags());

        server.received.clear();
        client.updateRun(run, RunUpdate.tags(List.of("x")));
        JsonNode tagsOnly = variables("UpsertBucket");
        assertFalse(tagsOnly.has("config") || tagsOnly.has("summaryMetrics"), "only tags are sent");
    }

    @Test
    void pushSendsPriorityAndTemplateValuesAndReturnsTheServersSpec() {
        answer(call -> "{\"pushToRunQueueByName\": {\"runQueueItemId\": \"item7\", \"runSpec\": "
                + "\"{\\\"docker\\\": {\\\"docker_image\\\": \\\"img\\\"}, \\\"resource\\\": \\\"kubernetes\\\"}\"}}");

        QueuedRun queued = client.push(new QueueRef("demo", "gpu"), Map.of("docker", Map.of("docker_image", "img")),
                Priority.HIGH, Map.of("gpus", 2));

        assertEquals("item7", queued.itemId());
        assertEquals("kubernetes", queued.runSpec().get("resource"));
        JsonNode sent = variables("pushToRunQueueByName");
        assertEquals("model-registry", sent.path("projectName").asText());
        assertEquals(1, sent.path("priority").asInt());
        assertEquals("{\"gpus\":2}", sent.path("templateVariableValues").asText());
        assertEquals("{\"docker\":{\"docker_image\":\"img\"}}", sent.path("runSpec").asText());
    }

    @Test
    void setSweepStateReadsTheSweepThenUpserts() {
        answer(call -> call.operationName().equals("GetSweep")
                ? "{\"project\": {\"sweep\": {\"id\": \"U3c6MQ==\", \"name\": \"sw\", \"state\": \"RUNNING\", \"config\": \"method: grid\"}}}"
                : "{\"upsertSweep\": {\"sweep\": {\"name\": \"sw\"}}}");

        client.setSweepState(new SweepRef("demo", "vision", "sw"), SweepState.PAUSED);

        assertEquals(List.of("GetSweep", "UpsertSweep"), operations());
        JsonNode sent = variables("UpsertSweep");
        assertEquals("U3c6MQ==", sent.path("id").asText());
        assertEquals("PAUSED", sent.path("state").asText());
        assertEquals("demo", sent.path("entityName").asText());
        assertEquals("vision", sent.path("projectName").asText());
    }

    @Test
    void sweepMovesTheSdkRefusesAreRefusedBeforeSending() {
        answer(call -> "{\"project\": {\"sweep\": {\"id\": \"s\", \"name\": \"sw\", \"state\": \"FINISHED\"}}}");
        SweepRef sweep = new SweepRef("demo", "vision", "sw");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> client.setSweepState(sweep, SweepState.CANCELED));
        assertThat(e.getMessage(), containsString("already finished"));
        assertEquals(List.of("GetSweep"), operations());

        assertThrows(IllegalStateException.class, () -> WandbClient.checkSweepTransition(sweep, "PENDING", SweepState.PAUSED));
        assertThrows(IllegalStateException.class, () -> WandbClient.checkSweepTransition(sweep, "CRASHED", SweepState.FINISHED));
        WandbClient.checkSweepTransition(sweep, "PAUSED", SweepState.PAUSED);
        WandbClient.checkSweepTransition(sweep, "RUNNING", SweepState.PAUSED);
        WandbClient.checkSweepTransition(sweep, "PENDING", SweepState.CANCELED);
        WandbClient.checkSweepTransition(sweep, "PAUSED", SweepState.FINISHED);
        WandbClient.checkSweepTransition(sweep, "FINISHED", SweepState.RUNNING);
        WandbClient.checkSweepTransition(sweep, "canceled", SweepState.RUNNING);
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSent() {
        QueueRef queue = new QueueRef("demo", "gpu");
        assertThrows(IllegalArgumentException.class, () -> client.createQueue(
                new QueueSpec(queue, "slurm", Map.of(), null, null, null)));
        assertThrows(IllegalArgumentException.class, () -> client.upsertQueue(
                new QueueSpec(queue, "vertex", Map.of(), null, null, null)));
        assertThrows(IllegalArgumentException.class, () -> new QueueRef("demo", "q".repeat(65)));
        assertThrows(IllegalArgumentException.class, () -> client.push(queue, Map.of("entity", "demo"), null, null));
        assertThrows(IllegalArgumentException.class, () -> client.push(queue,
                Map.of("job", "demo/vision/job:latest", "docker", Map.of("docker_image", "img")), null, null));
        Artifact artifact = new Artifact("a", "demo", "vision", "model", 0, "model", null, null, null, null, null,
                null, null, null, null);
        assertThrows(IllegalArgumentException.class, () -> client.linkArtifact(artifact, "vision/best", List.of("a:b")));
        assertThrows(IllegalArgumentException.class, () -> client.linkArtifact(artifact, "vision/best", List.of("a/b")));
        assertThrows(IllegalArgumentException.class,
                () -> client.linkArtifact(artifact, "vision/best", List.of("x".repeat(129))));
        assertThrows(IllegalArgumentException.class, () -> client.linkArtifact(artifact, "best", List.of()));
        assertThrows(IllegalArgumentException.class, () -> RunRef.parse("demo/vision"));
        assertThrows(IllegalArgumentException.class, () -> new RunQuery(null, null, 0));
        assertEquals(List.of(), server.received);
    }

    @Test
    void linkIntoARegistryUsesTheOrganizationsEntity() {
        answer(call -> call.operationName().equals("FetchOrgInfoFromEntity")
                ? "{\"entity\": {\"organization\": null, \"user\": {\"organizations\": [{\"name\": \"Acme\","
                        + " \"orgEntity\": {\"name\": \"acme-org\"}}]}}}"
                : "{\"result\": {\"versionIndex\": 0, \"artifactMembership\": {\"id\": \"m\", \"versionIndex\": 0,"
                        + " \"aliases\": [{\"alias\": \"prod\"}], \"artifactCollection\": {\"name\": \"best\","
                        + " \"project\": {\"name\": \"wandb-registry-model\", \"entity\": {\"name\": \"acme-org\"}}}}}}");
        Artifact artifact = new Artifact("QXJ0OjE=", "ann", "vision", "model", 3, "model", null, null, null, null,
                null, null, null, null, null);

        ArtifactMembership linked = client.linkArtifact(artifact, "wandb-registry-model/best", List.of("prod"));

        assertEquals(new ArtifactRef("acme-org", "wandb-registry-model", "best", "v0"), linked.ref());
        assertEquals("ann", variables("FetchOrgInfoFromEntity").path("entity").asText());
        JsonNode input = variables("LinkArtifact").path("input");
        assertEquals("QXJ0OjE=", input.path("artifactID").asText());
        assertEquals("acme-org", input.path("entityName").asText());
        assertEquals("wandb-registry-model", input.path("projectName").asText());
        assertEquals("best", input.path("artifactPortfolioName").asText());
        assertEquals(1, input.path("aliases").size());
        assertEquals("best", input.path("aliases").get(0).path("artifactCollectionName").asText());
        assertEquals("prod", input.path("aliases").get(0).path("alias").asText());

        server.received.clear();
        assertThrows(IllegalArgumentException.class,
                () -> client.linkArtifact(artifact, "other-org/wandb-registry-model/best", List.of()));
    }

    @Test
    void linkIntoAPlainCollectionDefaultsToTheArtifactsEntity() {
        answer(call -> "{\"result\": {\"versionIndex\": 1, \"artifactMembership\": {\"id\": \"m\", \"versionIndex\": 1,"
                + " \"aliases\": [], \"artifactCollection\": {\"name\": \"best\", \"project\": {\"name\": \"vision\","
                + " \"entity\": {\"name\": \"demo\"}}}}}}");
        Artifact artifact = new Artifact("QXJ0OjE=", "demo", "vision", "model", 3, "model", null, null, null, null,
                null, null, null, null, null);

        client.linkArtifact(artifact, "vision/best", List.of());

        assertEquals(List.of("LinkArtifact"), operations());
        assertEquals("demo", variables("LinkArtifact").path("input").path("entityName").asText());
    }
}
