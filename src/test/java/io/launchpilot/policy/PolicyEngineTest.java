package io.launchpilot.policy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.policy.action.ActionExecutor;
import io.launchpilot.store.ActionRecord;
import io.launchpilot.store.ActionState;
import io.launchpilot.store.FiringRecord;
import io.launchpilot.store.Leadership;
import io.launchpilot.store.NewEvent;
import io.launchpilot.store.OutboxStore;
import io.launchpilot.store.Store;
import io.launchpilot.store.StoreMigration;
import io.launchpilot.testing.SandboxApi;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.QueueSpec;
import io.launchpilot.wandb.QueuedRun;
import io.launchpilot.wandb.RunRef;
import io.launchpilot.wandb.WandbClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine against the sandbox (W&B) and the real action outbox: each trigger kind, {@code when},
 * {@code for:}, cooldown and maxPerHour, audit mode, Forbid, Replace, and a re-read event firing no second time.
 * Time is passed in by hand; every test uses its own project, so the shared ledger cannot confuse them.
 */
@QuarkusTest
@TestProfile(PolicyEngineTest.Profile.class)
class PolicyEngineTest {

    /** The simulator stays still, so runs keep the states the tests give them. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("launchpilot.sandbox.simulator.enabled", "false");
        }
    }

    static final String ENTITY = "lp-engine";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Store store;
    @Inject
    Instance<Firings> firingsInstance;
    @Inject
    Firings firings;
    @Inject
    Subjects subjects;
    @Inject
    PoliciesConfig config;
    @Inject
    Leadership leadership;
    @Inject
    Clock clock;
    @Inject
    MeterRegistry meters;
    @Inject
    StoreMigration migration;
    @Inject
    ActionExecutor executor;
    @Inject
    WandbClient wandb;
    @Inject
    OutboxStore outbox;

    String project;
    Path dir;
    PolicyEngine engine;

    @BeforeEach
    void setUp() throws IOException {
        project = "p" + UUID.randomUUID().toString().substring(0, 8);
        dir = Files.createTempDirectory("policies");
        engine = new PolicyEngine(store, firingsInstance, subjects, new PolicyLoader(dir), config, leadership, clock,
                meters, migration, Optional.of("serve"));
        engine.processEvents(Instant.now()); // the cursor exists from here on
    }

    @Test
    void anEventTriggerFiresOnceAndTheOutboxActs() throws Exception {
        String run = run(Map.of("state", "finished", "summary", Map.of("val_acc", 0.95), "config", Map.of("lr", 0.01)));
        String low = run(Map.of("state", "finished", "summary", Map.of("val_acc", 0.5)));
        policies("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: %s }
                spec:
                  on:
                    - event: run.state_changed
                      scope: { entity: lp-engine, project: %s }
                      where: { to: FINISHED }
                  when: { $and: [ { state: finished }, { summary_metrics.val_acc: { $gte: 0.9 } } ] }
                  do:
                    - tagRun: { add: [promoted] }
                    - log: { message: "lr ${run.config.lr} of ${run.path}" }
                """.formatted(name("tag"), project));
        Instant now = Instant.now();
        stateChanged(run, "running", "finished");
        stateChanged(low, "running", "finished");
        stateChanged(run, "finished", "running"); // where does not match
        engine.processEvents(now);

        List<FiringRecord> fired = firings.recent(name("tag"), 10);
        assertEquals(1, fired.size());
        FiringRecord firing = fired.get(0);
        assertEquals(run, firing.subject());
        assertEquals("event:run.state_changed", firing.trigger());
        assertEquals(JSON.readTree("{\"add\":[\"promoted\"],\"run\":\"" + run + "\"}"), firing.actions().get(0).params());
        assertEquals("lr 0.01 of " + run, firing.actions().get(1).params().path("message").asText());

        // the same event read again (a crash before the cursor moved) fires no second time
        var cursor = store.cursor(PolicyEngine.EVENTS);
        long back = Long.parseLong(cursor.position()) - 3;
        store.transaction(tx -> tx.moveCursor(PolicyEngine.EVENTS, cursor.version(), String.valueOf(back), now));
        engine.processEvents(now);
        assertEquals(1, firings.recent(name("tag"), 10).size());

        executor.runDue();
        assertEquals(List.of("promoted"), wandb.run(RunRef.parse(run)).orElseThrow().tags());
    }

    @Test
    void theRunsOfAPageOfEventsAreReadInOneQuery() {
        List<String> high = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            high.add(run(Map.of("state", "finished", "summary", Map.of("val_acc", 0.95))));
        }
        String low = run(Map.of("state", "finished", "summary", Map.of("val_acc", 0.5)));
        policies("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: %s }
                spec:
                  on:
                    - event: run.state_changed
                      scope: { entity: lp-engine, project: %s }
                      where: { to: finished }
                  when: { summary_metrics.val_acc: { $gte: 0.9 } }
                  do:
                    - log: { message: "${run.path}" }
                """.formatted(name("batch"), project));
        high.forEach(run -> stateChanged(run, "running", "finished"));
        stateChanged(low, "running", "finished");
        long reads = SandboxApi.requests("Run");
        long queries = SandboxApi.requests("Runs");

        engine.processEvents(Instant.now());

        assertEquals(high.stream().sorted().toList(),
                firings.recent(name("batch"), 10).stream().map(FiringRecord::subject).sorted().toList());
        assertEquals(reads, SandboxApi.requests("Run"), "no run read one by one");
        assertEquals(queries + 1, SandboxApi.requests("Runs"));
    }

    @Test
    void aSweepEventFiresOnTheSweepsBestRun() {
        String sweep = given().contentType(ContentType.JSON).body(Map.of("entity", ENTITY, "project", project,
                        "config", "method: random\nmetric: {name: val_acc, goal: maximize}\nparameters: {lr: {values: [0.1]}}\n",
                        "state", "FINISHED"))
                .post("/sandbox/api/sweeps").then().statusCode(201).extract().path("name");
        run(Map.of("state", "finished", "sweep", sweep, "summary", Map.of("val_acc", 0.7)));
        String best = run(Map.of("state", "finished", "sweep", sweep, "summary", Map.of("val_acc", 0.93)));
        policies("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: %s }
                spec:
                  on: [ { event: sweep.state_changed, scope: { project: %s }, where: { to: FINISHED } } ]
                  when: { summary_metrics.val_acc: { $gte: 0.9 } }
                  do:
                    - linkArtifact: { from: { run: "${run.path}", type: model }, to: "lp-engine/wandb-registry-model/prod" }
                    - log: { message: "${sweep.path} best ${sweep.bestRun.summary.val_acc}" }
                """.formatted(name("sweep"), project));
        append("sweep.state_changed", ENTITY + "/" + project + "/" + sweep,
                Map.of("entity", ENTITY, "project", project, "sweep", sweep, "from", "running", "to", "finished"));
        engine.processEvents(Instant.now());

        FiringRecord firing = firings.recent(name("sweep"), 10).get(0);
        ActionRecord link = firing.actions().get(0);
        assertEquals(best, link.params().path("from").path("run").asText());
        assertEquals("latest", link.params().path("from").path("alias").asText(), "the default alias is filled in");
        assertEquals(ENTITY + "/" + project + "/" + sweep + " best 0.93",
                firing.actions().get(1).params().path("message").asText());
    }

    @Test
    void aWebhookTriggerFiresOnItsSourceAndEventType() {
        String run = run(Map.of("state", "finished"));
        policies("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: %s }
                spec:
                  on: [ { webhook: { source: wandb, eventType: ADD_ARTIFACT_ALIAS }, scope: { project: %s } } ]
                  do:
                    - log: { message: "${artifact.name}:${artifact.version} is ${event.alias}" }
                    - tagRun: { add: ["${event.alias}"] }
                """.formatted(name("hook"), project));
        Map<String, Object> payload = new LinkedHashMap<>(Map.of("source", "wandb", "eventType", "ADD_ARTIFACT_ALIAS",
                "entity", ENTITY, "project", project, "artifact", ENTITY + "/" + project + "/model:v3",
                "alias", "production", "run", run));
        payload.put("body", Map.of());
        append(Evaluator.WEBHOOK_RECEIVED, ENTITY + "/" + project, payload);
        payload.put("eventType", "CREATE_ARTIFACT");
        append(Evaluator.WEBHOOK_RECEIVED, ENTITY + "/" + project, payload);
        engine.processEvents(Instant.now());

        List<FiringRecord> fired = firings.recent(name("hook"), 10);
        assertEquals(1, fired.size());
        assertEquals("model:v3 is production", fired.get(0).actions().get(0).params().path("message").asText());
        assertEquals(run, fired.get(0).actions().get(1).params().path("run").asText());
        assertEquals("production", fired.get(0).actions().get(1).params().path("add").get(0).asText());
    }

    @Test
    void aWandbWebhookDeliveryFlowsThroughTheLedgerAndThePolicyToAnActionOnWandb() {
        String run = run(Map.of("state", "finished"));
        policies("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: %s }
                spec:
                  on: [ { webhook: { source: wandb, eventType: ADD_ARTIFACT_ALIAS }, scope: { project: %s } } ]
                  do: [ { tagRun: { add: ["alias-${event.alias}"] } } ]
                """.formatted(name("delivery"), project));
        // the body a W&B automation's payload template gives; the sandbox mode takes it unsigned
        Map<String, Object> delivery = Map.of("event_type", "ADD_ARTIFACT_ALIAS", "entity_name", ENTITY,
                "project_name", project, "alias", "production", "run_id", RunRef.parse(run).name(),
                "artifact_version_string", ENTITY + "/" + project + "/model:v3");
        given().contentType(ContentType.JSON).body(delivery).post("/api/v1/webhooks/wandb").then().statusCode(202);

        engine.processEvents(Instant.now());
        executor.runDue();
        assertEquals(List.of("alias-production"), wandb.run(RunRef.parse(run)).orElseThrow().tags());
        // W&B delivering the same body again is refused, so the policy cannot fire twice from it
        given().contentType(ContentType.JSON).body(delivery).post("/api/v1/webhooks/wandb").then().statusCode(409);
        engine.processEvents(Instant.now());
        assertEquals(1, firings.recent(name("delivery"), 10).size());
    }

    @Test
    void aScheduleFiresEachTickOnceAndCatchesUpOneMissedTick() {
        policies("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: %s }
                spec:
                  on: [ { schedule: { cron: "*/5 * * * *", timezone: Europe/Berlin } } ]
                  do: [ { log: { message: "tick ${schedule.time}" } } ]
                """.formatted(name("cron")));
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(1));
        engine.runSchedules(start); // a new trigger starts with its next tick
        assertEquals(0, firings.recent(name("cron"), 10).size());
        engine.runSchedules(start.plus(Duration.ofMinutes(4)));
        engine.runSchedules(start.plus(Duration.ofMinutes(5)));
        assertEquals(1, firings.recent(name("cron"), 10).size());
        assertEquals("tick " + start.plus(Duration.ofMinutes(4)),
                firings.recent(name("cron"), 1).get(0).actions().get(0).params().path("message").asText());
        engine.runSchedules(start.plus(Duration.ofMinutes(62))); // twelve ticks missed: one catches up
        assertEquals(2, firings.recent(name("cron"), 10).size());
        assertEquals("tick " + start.plus(Duration.ofMinutes(59)),
                firings.recent(name("cron"), 1).get(0).actions().get(0).params().path("message").asText());
    }

    @Test
    void aTickPastItsStartingDeadlineIsSkipped() {
        policies("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: %s }
                spec:
                  on: [ { schedule: { cron: "0 * * * *", startingDeadline: 1m } } ]
                  do: [ { log: { message: hourly } } ]
                """.formatted(name("late")));
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        engine.runSchedules(hour.minusSeconds(60));
        engine.runSchedules(hour.plusSeconds(150));
        assertEquals(0, firings.recent(name("late"), 10).size());
        engine.runSchedules(hour.plus(Duration.ofHours(1)).plusSeconds(30));
        assertEquals(1, firings.recent(name("late"), 10).size());
    }

    @Test
    void forbidSkipsATickWhileThePreviousFiringStillActs() {
        policies("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: %s }
                spec:
                  on: [ { schedule: { cron: "* * * * *", concurrency: Forbid } } ]
                  do: [ { log: { message: minutely } } ]
                """.formatted(name("forbid")));
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        engine.runSchedules(start.plusSeconds(1));
        engine.runSchedules(start.plusSeconds(61));
        assertEquals(1, firings.recent(name("forbid"), 10).size());
        engine.runSchedules(start.plusSeconds(121)); // its log action was not run yet
        assertEquals(1, firings.recent(name("forbid"), 10).size());
        executor.runDue();
        engine.runSchedules(start.plusSeconds(181));
        assertEquals(2, firings.recent(name("forbid"), 10).size());
    }

    @Test
    void replaceCancelsThePreviousFiringsActionsThatHaveNotStartedAndLetsARunningOneFinish() {
        policies("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: %s }
                spec:
                  on: [ { schedule: { cron: "* * * * *", concurrency: Replace } } ]
                  do: [ { log: { message: first } }, { log: { message: second } } ]
                """.formatted(name("replace")));
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        engine.runSchedules(start.plusSeconds(1));
        engine.runSchedules(start.plusSeconds(61));
        FiringRecord earlier = firings.recent(name("replace"), 1).get(0);
        assertEquals(1, outbox.start(List.of(earlier.actions().get(0)), "another-executor", start.plusSeconds(62)).size());

        engine.runSchedules(start.plusSeconds(121));

        List<FiringRecord> recent = firings.recent(name("replace"), 10);
        assertEquals(2, recent.size());
        FiringRecord replacing = recent.get(0);
        assertEquals(List.of(ActionState.PENDING, ActionState.PENDING),
                replacing.actions().stream().map(ActionRecord::state).toList());
        ActionRecord running = outbox.action(earlier.actions().get(0).id()).orElseThrow();
        ActionRecord withdrawn = outbox.action(earlier.actions().get(1).id()).orElseThrow();
        assertEquals(ActionState.RUNNING, running.state());
        assertEquals(ActionState.CANCELLED, withdrawn.state());
        assertEquals(replacing.key(), withdrawn.result().path("replacedBy").asText());
    }

    @Test
    void aScopedScheduleFiresOncePerMatchingRun() {
        String a = run(Map.of("state", "finished", "summary", Map.of("loss", 0.1)));
        String b = run(Map.of("state", "finished", "summary", Map.of("loss", 0.2)));
        run(Map.of("state", "crashed", "summary", Map.of("loss", 0.1)));
        policies("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: %s }
                spec:
                  on: [ { schedule: { cron: "0 * * * *" }, scope: { entity: lp-engine, project: %s } } ]
                  when: { $and: [ { state: finished }, { summary_metrics.loss: { $lt: 0.5 } } ] }
                  do: [ { tagRun: { add: [nightly] } } ]
                """.formatted(name("scoped"), project));
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        engine.runSchedules(hour.minusSeconds(10));
        engine.runSchedules(hour.plusSeconds(10));
        assertEquals(List.of(a, b).stream().sorted().toList(), firings.recent(name("scoped"), 10).stream()
                .map(FiringRecord::subject).sorted().toList());
    }

    @Test
    void aScopedScheduleWithForFiresForTheRunsThatKeptHolding() {
        String steady = run(Map.of("state", "finished", "summary", Map.of("loss", 0.1)));
        String flaky = run(Map.of("state", "finished", "summary", Map.of("loss", 0.2)));
        policies("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: %s }
                spec:
                  on: [ { schedule: { cron: "0 * * * *" }, scope: { entity: lp-engine, project: %s } } ]
                  when: { summary_metrics.loss: { $lt: 0.5 } }
                  for: 10m
                  do: [ { tagRun: { add: [settled] } } ]
                """.formatted(name("tick-for"), project));
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        engine.runSchedules(hour.minusSeconds(10));
        engine.runSchedules(hour.plusSeconds(10));
        assertEquals(0, firings.recent(name("tick-for"), 10).size(), "both wait for 10m");
        assertEquals(2, pendingOf(name("tick-for")).size());

        summary(flaky, Map.of("loss", 0.9));
        engine.recheckPending(hour.plus(Duration.ofMinutes(5)));
        engine.recheckPending(hour.plus(Duration.ofMinutes(11)));

        assertEquals(List.of(steady), firings.recent(name("tick-for"), 10).stream().map(FiringRecord::subject).toList());
        assertEquals(List.of(), pendingOf(name("tick-for")), "both pending conditions are done with");
    }

    @Test
    void forWaitsUntilTheConditionHeldLongEnough() {
        String steady = run(Map.of("state", "finished", "summary", Map.of("val_acc", 0.95)));
        String flaky = run(Map.of("state", "finished", "summary", Map.of("val_acc", 0.95)));
        policies("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: %s }
                spec:
                  on: [ { event: run.summary_changed, scope: { project: %s } } ]
                  when: { summary_metrics.val_acc: { $gte: 0.9 } }
                  for: 10m
                  do: [ { tagRun: { add: [stable] } } ]
                """.formatted(name("for"), project));
        Instant now = Instant.now();
        append("run.summary_changed", steady, Map.of("entity", ENTITY, "project", project));
        append("run.summary_changed", flaky, Map.of("entity", ENTITY, "project", project));
        engine.processEvents(now);
        long singleReads = SandboxApi.requests("Run");
        long queries = SandboxApi.requests("Runs");
        engine.recheckPending(now.plus(Duration.ofMinutes(5)));
        assertEquals(0, firings.recent(name("for"), 10).size());
        assertEquals(singleReads, SandboxApi.requests("Run"), "the pending conditions' runs are read together");
        assertEquals(queries + 1, SandboxApi.requests("Runs"), "in one runs query");

        summary(flaky, Map.of("val_acc", 0.5));
        engine.recheckPending(now.plus(Duration.ofMinutes(6)));
        engine.recheckPending(now.plus(Duration.ofMinutes(11)));
        List<FiringRecord> fired = firings.recent(name("for"), 10);
        assertEquals(List.of(steady), fired.stream().map(FiringRecord::subject).toList());
        assertEquals(List.of(), pendingOf(name("for")), "both pending conditions are done with");
    }

    @Test
    void cooldownAndMaxPerHourLimitFirings() {
        List<String> runs = List.of(run(Map.of()), run(Map.of()), run(Map.of()), run(Map.of()));
        policies("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: %s }
                spec:
                  on: [ { event: run.created, scope: { project: %s } } ]
                  do: [ { log: { message: "${run.path}" } } ]
                  limits: { cooldown: 10m }
                ---
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: %s }
                spec:
                  on: [ { event: run.created, scope: { project: %s } } ]
                  do: [ { log: { message: "${run.path}" } } ]
                  limits: { maxPerHour: 2 }
                """.formatted(name("cool"), project, name("max"), project));
        Instant now = Instant.now();
        runs.forEach(run -> append("run.created", run, Map.of("entity", ENTITY, "project", project)));
        engine.processEvents(now);
        assertEquals(1, firings.recent(name("cool"), 10).size());
        assertEquals(2, firings.recent(name("max"), 10).size());
    }

    @Test
    void aQueueItemsRunIsFoundThroughItsRunSpecWhenTheTriggerNamesNoProject() {
        String run = run(Map.of("state", "failed"));
        QueueRef queue = new QueueRef(ENTITY, "q-" + project);
        wandb.createQueue(new QueueSpec(queue, "local-process", Map.of(), List.of(), null, List.of()));
        QueuedRun item = wandb.push(queue, Map.of("job", ENTITY + "/" + project + "/job-train:latest",
                "entity", ENTITY, "project", project), null, Map.of());
        policies("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: %s }
                spec:
                  on: [ { event: queue.item_state_changed, scope: { entity: lp-engine }, where: { to: failed } } ]
                  when: { state: failed }
                  do: [ { tagRun: { add: [launch-failed] } } ]
                """.formatted(name("queue")));
        append("queue.item_state_changed", ENTITY + "/" + queue.name() + "/" + item.itemId(), Map.of("entity", ENTITY,
                "queue", queue.name(), "item", item.itemId(), "run", RunRef.parse(run).name(), "from", "claimed",
                "to", "failed"));
        engine.processEvents(Instant.now());

        List<FiringRecord> fired = firings.recent(name("queue"), 10);
        assertEquals(1, fired.size(), "the run read through the item's run spec holds when");
        assertEquals(run, fired.get(0).actions().get(0).params().path("run").asText());
    }

    @Test
    void auditModeRecordsAndActsOnNothing() {
        String run = run(Map.of("state", "finished"));
        policies("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: %s }
                spec:
                  on: [ { event: run.state_changed, scope: { project: %s } } ]
                  do: [ { tagRun: { add: [audited] } } ]
                  mode: audit
                """.formatted(name("audit"), project));
        stateChanged(run, "running", "finished");
        engine.processEvents(Instant.now());
        executor.runDue();
        FiringRecord firing = firings.recent(name("audit"), 10).get(0);
        assertEquals("audit", firing.mode().toLowerCase());
        assertEquals(List.of(), wandb.run(RunRef.parse(run)).orElseThrow().tags());
    }

    private String name(String what) {
        return what + "-" + project;
    }

    private void policies(String yaml) {
        try {
            Files.writeString(dir.resolve("policies.yaml"), yaml);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertTrue(engine.reload(), () -> "policies rejected: " + engine.rejected());
    }

    private String run(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("entity", ENTITY);
        body.put("project", project);
        String name = given().contentType(ContentType.JSON).body(body).post("/sandbox/api/runs")
                .then().statusCode(201).extract().path("name");
        return ENTITY + "/" + project + "/" + name;
    }

    @Test
    void aBacklogIsWorkedOffInOneRoundAndAFloodStillLeavesRoomForTheRest() throws Exception {
        policies("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: %s }
                spec:
                  on: [ { event: queue.drift_corrected, where: { n: 1 } } ]
                  do: [ { log: { message: "burst" } } ]
                """.formatted(name("burst")));
        int events = config.batchSize() * 2 + 7;
        List<NewEvent> burst = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            burst.add(new NewEvent("queue.drift_corrected", "burst/" + i, "test", JSON.valueToTree(Map.of("n", i))));
        }
        store.transaction(tx -> tx.append(burst, Instant.now()));

        engine.run();

        assertEquals(String.valueOf(store.lastEventId()), store.cursor(PolicyEngine.EVENTS).position(),
                "three pages in one round, not one page per interval");
        assertEquals(1, firings.recent(name("burst"), 10).size(), "and each event looked at once");

        List<NewEvent> flood = new ArrayList<>();
        for (int i = 0; i < config.batchSize() * (PolicyEngine.MAX_PAGES_PER_ROUND + 1); i++) {
            flood.add(new NewEvent("test.flood", "flood/" + i, "test", JSON.createObjectNode()));
        }
        long before = store.lastEventId();
        store.transaction(tx -> tx.append(flood, Instant.now()));
        engine.run();
        assertEquals(String.valueOf(before + (long) config.batchSize() * PolicyEngine.MAX_PAGES_PER_ROUND),
                store.cursor(PolicyEngine.EVENTS).position(), "a round stops after its last page");
        engine.run();
        assertEquals(String.valueOf(store.lastEventId()), store.cursor(PolicyEngine.EVENTS).position());
    }

    /** Sets summary keys of a run in the sandbox. */
    private static void summary(String run, Map<String, Object> summary) {
        given().contentType(ContentType.JSON).body(Map.of("summary", summary))
                .patch("/sandbox/api/runs/" + run).then().statusCode(200);
    }

    /** The keys of the policy's pending {@code for:} conditions. */
    private List<String> pendingOf(String policy) {
        return store.snapshots(PolicyEngine.PENDING).keySet().stream().filter(key -> key.startsWith(policy)).toList();
    }

    private void stateChanged(String run, String from, String to) {
        RunRef ref = RunRef.parse(run);
        append("run.state_changed", run, Map.of("entity", ref.entity(), "project", ref.project(), "run", ref.name(),
                "from", from, "to", to));
    }

    private void append(String type, String subject, Map<String, Object> payload) {
        ObjectNode json = JSON.valueToTree(payload);
        store.transaction(tx -> tx.append(List.of(new NewEvent(type, subject, "test", json)), Instant.now()));
    }
}
