package io.launchpilot.wandb;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every facade operation against the embedded sandbox, which answers as W&B answers the SDK. */
@QuarkusTest
class WandbClientSandboxTest {

    private static final String ENTITY = "demo";
    private static final ProjectRef PROJECT = new ProjectRef(ENTITY, "client-test");

    @Inject
    WandbClient client;

    @Inject
    MeterRegistry meters;

    @Inject
    Vertx vertx;

    @BeforeEach
    void emptySandbox() {
        given().delete("/sandbox/api/faults").then().statusCode(lessThan300());
        given().post("/sandbox/api/reset").then().statusCode(lessThan300());
    }

    @AfterEach
    void clearFaults() {
        given().delete("/sandbox/api/faults").then().statusCode(lessThan300());
    }

    private static Matcher<Integer> lessThan300() {
        return lessThan(300);
    }

    private static Map<String, Object> createRun(Map<String, Object> body) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("entity", ENTITY);
        request.put("project", PROJECT.name());
        request.putAll(body);
        return given().contentType(ContentType.JSON).body(request).post("/sandbox/api/runs")
                .then().statusCode(201).extract().as(Map.class);
    }

    private static String createSweep(String yaml, String state) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("entity", ENTITY);
        request.put("project", PROJECT.name());
        request.put("config", yaml);
        if (state != null) {
            request.put("state", state);
        }
        return given().contentType(ContentType.JSON).body(request).post("/sandbox/api/sweeps")
                .then().statusCode(lessThan300()).extract().path("name");
    }

    private static long operations(String operation) {
        Object count = given().get("/sandbox/api/stats").then().statusCode(200).extract()
                .path("operations." + operation);
        return count == null ? 0 : ((Number) count).longValue();
    }

    private static Set<String> names(List<Run> runs) {
        return runs.stream().map(run -> run.ref().name()).collect(Collectors.toSet());
    }

    private List<Run> runs(String filters, String order) {
        return client.runs(PROJECT, RunQuery.all().withFilters(filters).withOrder(order), 1000).toList();
    }

    @Test
    void talksToTheSandboxOfThisProcess() {
        assertTrue(client.sandbox());
        assertEquals("http://127.0.0.1:" + RestAssured.port + "/sandbox/graphql", client.endpoint());
    }

    @Test
    void viewerAndDefaultEntity() {
        Viewer viewer = client.viewer().orElseThrow();
        assertNotNull(viewer.username());
        assertNotNull(viewer.entity());
        assertEquals(viewer.entity(), client.defaultEntity().orElseThrow());
        assertEquals(viewer.entity(), client.defaultEntity().orElseThrow());
        assertTrue(operations("GetViewer") <= 2, "the viewer's entity is asked for once at most and kept");
    }

    @Test
    void ensureProjectCreatesOnceThenFindsIt() {
        Project first = client.ensureProject(new ProjectRef(ENTITY, "fresh-project"));
        Project second = client.ensureProject(new ProjectRef(ENTITY, "fresh-project"));
        assertTrue(first.inserted());
        assertFalse(second.inserted());
        assertEquals(new ProjectRef(ENTITY, "fresh-project"), second.ref());
        assertEquals(first.id(), second.id());
    }

    @Test
    void queueLifecycle() {
        QueueRef ref = new QueueRef(ENTITY, "gpu-queue");
        TemplateVariable gpus = new TemplateVariable("gpus", "GPUs per run",
                Map.of("type", "integer", "minimum", 1, "maximum", 8, "default", 1));
        CreatedQueue created = client.createQueue(new QueueSpec(ref, "kubernetes",
                Map.of("namespace", "ml", "gpus", "{{gpus}}"), List.of(gpus), PrioritizationMode.V0, List.of()));
        assertNotNull(created.id());
        assertEquals(1, operations("CreateProject"));
        assertEquals(1, operations("CreateDefaultResourceConfig"));
        assertEquals(1, operations("CreateRunQueue"));

        RunQueue queue = client.queue(ref).orElseThrow();
        assertEquals(created.id(), queue.id());
        assertEquals(ref, queue.ref());
        assertEquals("PROJECT", queue.access());
        assertEquals(PrioritizationMode.V0, queue.prioritizationMode());
        assertEquals("kubernetes", queue.defaultResourceConfig().resourceType());
        assertEquals(Map.of("namespace", "ml", "gpus", "{{gpus}}"), queue.defaultResourceConfig().resourceArgs());
        assertEquals(Map.of("resource_args", Map.of("kubernetes", Map.of("namespace", "ml", "gpus", "{{gpus}}"))),
                queue.defaultResourceConfig().config());
        assertEquals(List.of(gpus), queue.defaultResourceConfig().templateVariables());
        assertEquals(List.of(), queue.items());
        assertEquals(1, operations("GetRunQueueByName"), "queue, config and items come in one round trip");

        List<String> warnings = client.upsertQueue(new QueueSpec(ref, "kubernetes", Map.of("namespace", "prod"),
                List.of(), PrioritizationMode.V0, List.of(new ExternalLink("Runbook", "https://example.com/rb"))));
        assertEquals(List.of(), warnings);
        RunQueue upserted = client.queue(ref).orElseThrow();
        assertEquals(Map.of("namespace", "prod"), upserted.defaultResourceConfig().resourceArgs());
        assertEquals(List.of(new ExternalLink("Runbook", "https://example.com/rb")), upserted.externalLinks());
        assertEquals(List.of(), upserted.defaultResourceConfig().templateVariables());

        assertTrue(client.queues(ENTITY).stream().anyMatch(summary -> summary.ref().equals(ref)
                && summary.id().equals(created.id())));

        client.deleteQueues(List.of(created.id()));
        assertTrue(client.queue(ref).isEmpty());
        assertTrue(client.queues(ENTITY).stream().noneMatch(summary -> summary.ref().equals(ref)));
    }

    @Test
    void upsertCreatesAQueueThatDidNotExist() {
        QueueRef ref = new QueueRef(ENTITY, "cpu");
        client.upsertQueue(new QueueSpec(ref, "local-process", Map.of(), List.of(), null, List.of()));
        RunQueue queue = client.queue(ref).orElseThrow();
        assertEquals(PrioritizationMode.DISABLED, queue.prioritizationMode());
        assertEquals("local-process", queue.defaultResourceConfig().resourceType());
    }

    @Test
    void pushWithPriorityAndTemplateValuesThenReadItemsAcrossPages() {
        QueueRef ref = new QueueRef(ENTITY, "prio");
        client.createQueue(new QueueSpec(ref, "kubernetes", Map.of("gpus", "{{gpus}}"),
                List.of(new TemplateVariable("gpus", null, Map.of("type", "integer", "default", 1))),
                PrioritizationMode.V0, List.of()));
        Map<String, Object> spec = Map.of("docker", Map.of("docker_image", "ghcr.io/acme/train:1"),
                "entity", ENTITY, "project", PROJECT.name());

        List<String> itemIds = new ArrayList<>();
        for (Priority priority : Priority.values()) {
            QueuedRun queued = client.push(ref, spec, priority, Map.of("gpus", 2));
            assertNotNull(queued.itemId());
            assertEquals(Map.of("docker_image", "ghcr.io/acme/train:1"), queued.runSpec().get("docker"));
            itemIds.add(queued.itemId());
        }
        itemIds.add(client.push(ref, spec, null, Map.of()).itemId());

        RunQueue queue = client.queue(ref, 2).orElseThrow();
        assertEquals(Set.copyOf(itemIds), queue.items().stream().map(RunQueueItem::id).collect(Collectors.toSet()));
        assertEquals(5, queue.items().size());
        assertTrue(queue.items().stream().allMatch(item -> item.state() != null && item.createdAt() != null));
        assertEquals(2, operations("GetRunQueueItems"), "5 items, 2 per page: the nested page and 2 more");
    }

    @Test
    void pushToAMissingQueueIsAGraphqlErrorNamingTheOperation() {
        WandbException e = assertThrows(WandbException.class, () -> client.push(new QueueRef(ENTITY, "nowhere"),
                Map.of("docker", Map.of("docker_image", "img")), null, Map.of()));
        assertEquals(WandbException.Kind.GRAPHQL_ERRORS, e.kind());
        assertEquals("pushToRunQueueByName", e.operation());
        assertFalse(e.messages().isEmpty());
        assertEquals(1, operations("pushToRunQueueByName"), "GraphQL errors are not retried");
    }

    @Test
    void pagesAcrossMoreThanAHundredRuns() {
        for (int i = 0; i < 130; i++) {
            createRun(Map.of("displayName", "run-" + i));
        }

        long before = operations("Runs");
        List<Run> all = client.runs(PROJECT, RunQuery.all().withPerPage(50), 1000).toList();
        assertEquals(130, all.size());
        assertEquals(130, names(all).size(), "no run twice");
        assertEquals(3, operations("Runs") - before);
        List<Instant> created = all.stream().map(Run::createdAt).toList();
        assertEquals(created.stream().sorted().toList(), created, "oldest first by default");

        Page<Run> first = client.runsPage(PROJECT, RunQuery.all().withPerPage(100), null);
        assertEquals(100, first.items().size());
        assertTrue(first.hasNextPage());
        assertEquals(130L, first.total());
        Page<Run> second = client.runsPage(PROJECT, RunQuery.all().withPerPage(100), first.nextCursor());
        assertEquals(30, second.items().size());
        assertFalse(second.hasNextPage());
        assertEquals(130, names(first.items()).size() + names(second.items()).size());

        before = operations("Runs");
        assertEquals(70, client.runs(PROJECT, RunQuery.all().withPerPage(50), 70).count());
        assertEquals(2, operations("Runs") - before, "no page beyond the limit");
    }

    @Test
    void filtersAndOrderBehaveAsWandbDocuments() {
        String a = (String) createRun(Map.of("displayName", "exp-a", "state", "running",
                "config", Map.of("lr", 0.1, "model", "resnet"), "summary", Map.of("loss", 0.5),
                "tags", List.of("baseline"))).get("name");
        String b = (String) createRun(Map.of("displayName", "exp-b", "state", "running",
                "config", Map.of("lr", 0.001), "summary", Map.of("loss", 0.2), "tags", List.of("gpu"))).get("name");
        String c = (String) createRun(Map.of("displayName", "other-c", "state", "finished",
                "config", Map.of("lr", 0.05), "summary", Map.of("loss", 0.3), "tags", List.of("baseline", "gpu")))
                .get("name");
        String d = (String) createRun(Map.of("displayName", "exp-d", "state", "crashed")).get("name");

        assertEquals(Set.of(a), names(runs("{\"$and\":[{\"state\":\"running\"},{\"config.lr\":{\"$gt\":0.01}}]}", null)));
        assertEquals(Set.of(a, c), names(runs("{\"tags\":{\"$in\":[\"baseline\"]}}", null)));
        assertEquals(Set.of(b, c), names(runs("{\"summary_metrics.loss\":{\"$lt\":0.4}}", null)));
        assertEquals(Set.of(d), names(runs("{\"config.lr\":{\"$exists\":false}}", null)));
        assertEquals(Set.of(), names(runs("{\"config.missing\":{\"$gt\":0}}", null)), "a comparison on a missing key matches nothing");
        assertEquals(Set.of(a, b, d), names(runs("{\"display_name\":{\"$regex\":\"^exp-\"}}", null)));
        assertEquals(Set.of(c, d), names(runs("{\"$or\":[{\"state\":\"finished\"},{\"state\":\"crashed\"}]}", null)));
        assertEquals(Set.of(a, b), names(runs("{\"state\":{\"$nin\":[\"finished\",\"crashed\"]}}", null)));

        assertEquals(List.of(b, c, a), runs("{\"summary_metrics.loss\":{\"$exists\":true}}", "+summary_metrics.loss")
                .stream().map(run -> run.ref().name()).toList());
        assertEquals(List.of(a, c, b), runs("{\"config.lr\":{\"$exists\":true}}", "-config.lr.value")
                .stream().map(run -> run.ref().name()).toList());
        assertEquals(List.of(d, c, b, a), runs(null, "-created_at").stream().map(run -> run.ref().name()).toList());
    }

    @Test
    void aMalformedFilterFailsOnceWithTheServersMessage() {
        createRun(Map.of("displayName", "x"));
        long before = operations("Runs");
        WandbException e = assertThrows(WandbException.class,
                () -> client.runsPage(PROJECT, RunQuery.all().withFilters("{\"state\": {\"$bogus\": 1}}"), null));
        assertEquals("Runs", e.operation());
        assertEquals(WandbException.Kind.GRAPHQL_ERRORS, e.kind());
        assertFalse(e.messages().isEmpty());
        assertEquals(1, operations("Runs") - before, "not retried");
    }

    @Test
    void oneRunWithItsFullFragment() {
        String sweep = createSweep("method: random\nparameters:\n  lr:\n    values: [0.1, 0.01]\n", null);
        Map<String, Object> created = createRun(Map.of("displayName", "bright-sun-1", "state", "running",
                "config", Map.of("lr", 0.01, "layers", List.of(64, 32)), "summary", Map.of("loss", 0.25),
                "tags", List.of("baseline"), "sweep", sweep, "group", "g1", "jobType", "train"));
        RunRef ref = new RunRef(ENTITY, PROJECT.name(), (String) created.get("name"));

        Run run = client.run(ref).orElseThrow();

        assertEquals(created.get("id"), run.id());
        assertEquals(ref, run.ref());
        assertEquals("bright-sun-1", run.displayName());
        assertEquals("running", run.state());
        assertEquals(Map.of("lr", 0.01, "layers", List.of(64, 32)), run.config());
        assertEquals(0.25, run.summary().get("loss"));
        assertEquals(List.of("baseline"), run.tags());
        assertEquals(sweep, run.sweep());
        assertEquals("g1", run.group());
        assertEquals("train", run.jobType());
        assertNotNull(run.createdAt());
        assertNotNull(run.projectId());
        assertTrue(client.run(new RunRef(ENTITY, PROJECT.name(), "nope1234")).isEmpty());
        assertTrue(client.run(new RunRef(ENTITY, "no-such-project", "nope1234")).isEmpty());
    }

    @Test
    void updateRunSetsTagsConfigAndSummary() {
        Map<String, Object> created = createRun(Map.of("config", Map.of("lr", 0.1), "summary", Map.of("loss", 0.5),
                "tags", List.of("old")));
        RunRef ref = new RunRef(ENTITY, PROJECT.name(), (String) created.get("name"));
        Run run = client.run(ref).orElseThrow();

        Run updated = client.updateRun(run, new RunUpdate(List.of("best", "reviewed"), Map.of("batch", 64),
                Map.of("acc", 0.9)));

        assertEquals(List.of("best", "reviewed"), updated.tags());
        assertEquals(Map.of("lr", 0.1, "batch", 64), updated.config());
        assertEquals(0.5, updated.summary().get("loss"));
        assertEquals(0.9, updated.summary().get("acc"));
        Run reread = client.run(ref).orElseThrow();
        assertEquals(updated.tags(), reread.tags());
        assertEquals(updated.config(), reread.config());
        assertEquals(0.9, reread.summary().get("acc"));
        assertEquals(1, operations("UpsertBucket"), "tags, config and summary in one call");
    }

    @Test
    void stopRun() {
        Map<String, Object> created = createRun(Map.of("state", "running"));
        client.stopRun((String) created.get("id"));
        assertEquals(1, operations("StopRun"));
        assertThrows(WandbException.class, () -> client.stopRun("no-such-run-id"));
    }

    @Test
    void sweepsAndTheirStates() {
        String name = createSweep("method: bayes\nmetric:\n  name: loss\n  goal: minimize\n"
                + "parameters:\n  lr:\n    min: 0.001\n    max: 0.1\n", "RUNNING");
        String other = createSweep("{\"method\": \"grid\", \"parameters\": {\"bs\": {\"values\": [16, 32]}}}", null);
        SweepRef ref = new SweepRef(ENTITY, PROJECT.name(), name);

        Sweep sweep = client.sweep(ref).orElseThrow();
        assertEquals(ref, sweep.ref());
        assertEquals("RUNNING", sweep.state());
        assertEquals("bayes", sweep.config().get("method"));
        assertEquals(Map.of("name", "loss", "goal", "minimize"), sweep.config().get("metric"));
        assertEquals(Set.of(name, other),
                client.sweeps(PROJECT).stream().map(each -> each.ref().name()).collect(Collectors.toSet()));
        assertEquals("grid", client.sweep(new SweepRef(ENTITY, PROJECT.name(), other)).orElseThrow().config().get("method"));

        client.setSweepState(ref, SweepState.PAUSED);
        assertEquals("PAUSED", client.sweep(ref).orElseThrow().state());
        client.setSweepState(ref, SweepState.RUNNING);
        assertEquals("RUNNING", client.sweep(ref).orElseThrow().state());
        client.setSweepState(ref, SweepState.FINISHED);
        assertEquals("FINISHED", client.sweep(ref).orElseThrow().state());

        long upserts = operations("UpsertSweep");
        assertThrows(IllegalStateException.class, () -> client.setSweepState(ref, SweepState.PAUSED));
        assertThrows(IllegalStateException.class, () -> client.setSweepState(ref, SweepState.CANCELED));
        assertEquals(upserts, operations("UpsertSweep"), "refused before sending");
        assertTrue(client.sweep(new SweepRef(ENTITY, PROJECT.name(), "nosweep")).isEmpty());
        assertThrows(NoSuchElementException.class,
                () -> client.setSweepState(new SweepRef(ENTITY, PROJECT.name(), "nosweep"), SweepState.PAUSED));
    }

    @Test
    void artifactsByNameOutputsAndLinks() {
        String run = (String) createRun(Map.of("displayName", "producer")).get("name");
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(Map.of("entity", ENTITY, "project", PROJECT.name(), "run", run,
                    "type", "model", "name", "weights", "aliases", i == 1 ? List.of("candidate") : List.of()))
                    .post("/sandbox/api/artifacts").then().statusCode(lessThan300());
        }
        given().contentType(ContentType.JSON).body(Map.of("entity", ENTITY, "project", PROJECT.name(), "run", run,
                "type", "dataset", "name", "eval-set")).post("/sandbox/api/artifacts").then().statusCode(lessThan300());

        ArtifactMembership latest = client.artifact(ArtifactRef.parse(ENTITY + "/" + PROJECT.name() + "/weights:latest"))
                .orElseThrow();
        assertEquals(2, latest.versionIndex());
        assertTrue(latest.aliases().contains("latest"));
        assertEquals("model", latest.artifact().type());
        ArtifactMembership candidate = client.artifact(new ArtifactRef(ENTITY, PROJECT.name(), "weights", "candidate"))
                .orElseThrow();
        assertEquals(1, candidate.versionIndex());
        assertTrue(client.artifact(new ArtifactRef(ENTITY, PROJECT.name(), "weights", "v9")).isEmpty());

        RunRef producer = new RunRef(ENTITY, PROJECT.name(), run);
        List<Artifact> outputs = client.runOutputArtifacts(producer);
        assertEquals(4, outputs.size());
        Page<Artifact> page = client.runOutputArtifactsPage(producer, null, 3);
        assertEquals(3, page.items().size());
        assertTrue(page.hasNextPage());
        assertEquals(4L, page.total());
        assertEquals(1, client.runOutputArtifactsPage(producer, page.nextCursor(), 3).items().size());

        ArtifactMembership linked = client.linkArtifact(candidate.artifact(), PROJECT.name() + "/best-weights",
                List.of("prod"));
        assertEquals("best-weights", linked.collection());
        assertTrue(linked.aliases().contains("prod"), linked.aliases().toString());
        ArtifactMembership prod = client.artifact(new ArtifactRef(ENTITY, PROJECT.name(), "best-weights", "prod"))
                .orElseThrow();
        assertEquals(candidate.artifact().id(), prod.artifact().id());
    }

    @Test
    void linkIntoARegistryGoesToTheOrganizationsEntity() {
        String run = (String) createRun(Map.of("displayName", "producer")).get("name");
        given().contentType(ContentType.JSON).body(Map.of("entity", ENTITY, "project", PROJECT.name(), "run", run,
                "type", "model", "name", "weights")).post("/sandbox/api/artifacts").then().statusCode(lessThan300());
        Artifact source = client.artifact(new ArtifactRef(ENTITY, PROJECT.name(), "weights", "latest")).orElseThrow()
                .artifact();

        ArtifactMembership linked = client.linkArtifact(source, "wandb-registry-model/resnet", List.of("staging"));
        assertEquals("wandb-registry-model", linked.project());
        assertEquals("resnet", linked.collection());
        assertTrue(linked.aliases().contains("staging"), linked.aliases().toString());
        String orgEntity = linked.entity();
        assertFalse(orgEntity.equals(ENTITY), "a registry lives in the organization's entity");

        ArtifactMembership again = client.linkArtifact(source, "sandbox/wandb-registry-model/resnet", List.of("prod"));
        assertEquals(orgEntity, again.entity());
        ArtifactMembership found = client.artifact(new ArtifactRef(ENTITY, "wandb-registry-model", "resnet", "prod"))
                .orElseThrow();
        assertEquals(source.id(), found.artifact().id());
        assertEquals(orgEntity, found.entity());
        assertThrows(IllegalArgumentException.class,
                () -> client.linkArtifact(source, "other-org/wandb-registry-model/resnet", List.of()));
    }

    @Test
    void retriesAnInjectedRateLimitAfterRetryAfter() {
        given().contentType(ContentType.JSON).body(Map.of("rateLimitEvery", 2, "retryAfterSeconds", 1))
                .post("/sandbox/api/faults").then().statusCode(lessThan300());
        long before = operations("GetViewer");
        double limited = meters.counter("launchpilot.wandb.rate_limited", "operation", "GetViewer").count();

        assertTrue(client.viewer().isPresent());
        long start = System.nanoTime();
        assertTrue(client.viewer().isPresent(), "the second request is answered 429, its retry succeeds");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(3, operations("GetViewer") - before);
        assertThat(elapsedMs, greaterThanOrEqualTo(1000L));
        assertEquals(limited + 1, meters.counter("launchpilot.wandb.rate_limited", "operation", "GetViewer").count());
    }

    @Test
    void aWrongBaseUrlIsA404ThatIsNotRetried() {
        List<Duration> waits = new ArrayList<>();
        WandbEndpoint wrong = new WandbEndpoint("http://127.0.0.1:" + RestAssured.port + "/sandbox/typo",
                Optional.of("a-key-for-the-wrong-url-0123456789abcdef0123"), () -> 0);
        try (GraphqlTransport transport = new GraphqlTransport(vertx, wrong, Duration.ofSeconds(5),
                new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(60),
                        Clock.systemUTC(), () -> 0), waits::add, meters)) {
            WandbException e = assertThrows(WandbException.class, () -> transport.execute(Operation.GET_VIEWER, Map.of()));
            assertEquals(WandbException.Kind.HTTP_STATUS, e.kind());
            assertEquals(404, e.status());
            assertEquals(wrong.url(), e.endpoint());
            assertEquals(List.of(), waits);
        }
    }

    @Test
    void countsRequestsByOperationAndOutcome() {
        double before = meters.counter("launchpilot.wandb.requests", "operation", "GetViewer", "outcome", "success")
                .count();
        client.viewer();
        assertEquals(before + 1, meters.counter("launchpilot.wandb.requests", "operation", "GetViewer",
                "outcome", "success").count());
    }

    @Test
    void listingAMissingProjectIsNotFound() {
        assertThrows(NoSuchElementException.class,
                () -> client.runsPage(new ProjectRef(ENTITY, "no-such-project"), RunQuery.all(), null));
        assertThrows(NoSuchElementException.class, () -> client.sweeps(new ProjectRef(ENTITY, "no-such-project")));
        assertTrue(client.queues("nobody-here").isEmpty());
    }
}
