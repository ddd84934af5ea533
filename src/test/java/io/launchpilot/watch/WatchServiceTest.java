package io.launchpilot.watch;

import static io.launchpilot.testing.SandboxApi.createRun;
import static io.launchpilot.testing.SandboxApi.createSweep;
import static io.launchpilot.testing.SandboxApi.patchRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.launchpilot.metrics.MetricNames;
import io.launchpilot.sandbox.QueueItem;
import io.launchpilot.sandbox.QueueService;
import io.launchpilot.sandbox.RunPatch;
import io.launchpilot.sandbox.RunService;
import io.launchpilot.store.Event;
import io.launchpilot.store.EventQuery;
import io.launchpilot.store.LeaderMode;
import io.launchpilot.store.Leadership;
import io.launchpilot.store.LeadershipChanged;
import io.launchpilot.store.Store;
import io.launchpilot.store.StoreMigration;
import io.launchpilot.testing.SandboxApi;
import io.launchpilot.wandb.ProjectRef;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.QueueSpec;
import io.launchpilot.wandb.SweepRef;
import io.launchpilot.wandb.SweepState;
import io.launchpilot.wandb.WandbClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watcher against the embedded sandbox, one poll at a time through {@link WatchService#cycle}:
 * every event type from changes made in W&B, the request budget, 429 storms, a failing project, and
 * crashes in the middle of a poll. Each test watches projects of its own, so the ledger and the
 * sandbox need no reset. {@code WatchServicePostgresTest} runs the same tests on PostgreSQL.
 */
@QuarkusTest
class WatchServiceTest {

    static final String ENTITY = "watch";

    @Inject
    WatchService watcher;

    @Inject
    Store store;

    @Inject
    DataSource dataSource;

    @Inject
    WandbClient wandb;

    @Inject
    RunService sandboxRuns;

    @Inject
    QueueService sandboxQueues;

    @Inject
    WatchConfig config;

    @Inject
    StoreMigration migration;

    @Inject
    Clock clock;

    @AfterEach
    void clearFaults() {
        SandboxApi.clearFaults();
    }

    static String newProject() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static WatchScope runsOf(String project) {
        return WatchScope.runs(new ProjectRef(ENTITY, project));
    }

    WatchService.CycleReport cycle(WatchService service, List<WatchScope> scopes, Instant now) {
        WatchService.CycleReport report = service.cycle(scopes, now);
        assertFalse(report.skipped(), "another poll was running");
        return report;
    }

    WatchService.CycleReport cycle(WatchScope... scopes) {
        return cycle(watcher, List.of(scopes), clock.instant());
    }

    /** The events about one project (or queue), oldest first. */
    List<Event> events(String pathPrefix) {
        return store.events(new EventQuery(null, ENTITY + "/" + pathPrefix + "/*", null, 1000, false)).items();
    }

    static List<String> describe(List<Event> events) {
        List<String> result = new ArrayList<>();
        for (Event event : events) {
            String name = event.subject().substring(event.subject().lastIndexOf('/') + 1);
            JsonNode payload = event.payload();
            String detail = payload.has("from") ? " " + payload.get("from").asText() + "->" + payload.get("to").asText()
                    : payload.has("keys") ? " " + payload.get("keys") : "";
            result.add(event.type() + " " + name + detail);
        }
        return result;
    }

    @Test
    void theFirstPollIsABaselineAndRunsCreatedLaterAreEvents() {
        String project = newProject();
        WatchScope scope = runsOf(project);
        createRun(ENTITY, project, Map.of("state", "running", "summary", Map.of("loss", 1.0)));
        createRun(ENTITY, project, Map.of("state", "finished"));

        WatchService.CycleReport baseline = cycle(scope);
        assertEquals(0, baseline.events());
        assertEquals(Map.of(), baseline.failures());
        assertTrue(events(project).isEmpty(), "no run.created for runs that existed before watching");

        String fresh = createRun(ENTITY, project, Map.of("config", Map.of("lr", 0.1), "tags", List.of("a")));
        assertEquals(1, cycle(scope).events());
        assertEquals(0, cycle(scope).events(), "a change is reported once");

        List<Event> events = events(project);
        assertEquals(List.of("run.created " + fresh), describe(events));
        Event created = events.get(0);
        assertEquals(ENTITY + "/" + project + "/" + fresh, created.subject());
        assertEquals("watch", created.source());
        assertEquals(0.1, created.payload().get("config").get("lr").asDouble());
        assertEquals("running", created.payload().get("state").asText());
        assertEquals("a", created.payload().get("tags").get(0).asText());
    }

    @Test
    void stateAndSummaryChangesWithFromAndTo() {
        String project = newProject();
        WatchScope scope = runsOf(project);
        Map<String, String> runs = new java.util.LinkedHashMap<>();
        for (String role : List.of("finishes", "fails", "is-killed", "is-preempted", "goes-pending", "crashes")) {
            runs.put(role, createRun(ENTITY, project, Map.of("state", "running", "summary", Map.of("loss", 1.0))));
        }
        runs.put("starts", createRun(ENTITY, project, Map.of("state", "pending")));
        cycle(scope);

        patchRun(ENTITY, project, runs.get("finishes"), Map.of("summary", Map.of("loss", 0.5, "acc", 0.9, "_step", 3)));
        assertEquals(1, cycle(scope).events());
        Event summary = events(project).get(0);
        assertEquals(List.of("run.summary_changed " + runs.get("finishes") + " [\"acc\",\"loss\"]"), describe(List.of(summary)));
        assertEquals(0.9, summary.payload().get("values").get("acc").asDouble());

        patchRun(ENTITY, project, runs.get("finishes"), Map.of("state", "finished"));
        patchRun(ENTITY, project, runs.get("fails"), Map.of("state", "failed"));
        patchRun(ENTITY, project, runs.get("is-killed"), Map.of("state", "killed"));
        patchRun(ENTITY, project, runs.get("is-preempted"), Map.of("state", "preempted"));
        patchRun(ENTITY, project, runs.get("goes-pending"), Map.of("state", "pending"));
        patchRun(ENTITY, project, runs.get("starts"), Map.of("state", "running"));
        // as W&B does when heartbeats stop: crashed, with no new heartbeat
        sandboxRuns.update(new io.launchpilot.sandbox.RunRef(ENTITY, project, runs.get("crashes")), RunPatch.state("crashed"));
        cycle(scope);
        cycle(scope);

        List<String> changes = describe(events(project)).subList(1, events(project).size());
        assertEquals(List.of(
                "run.state_changed " + runs.get("finishes") + " running->finished",
                "run.state_changed " + runs.get("fails") + " running->failed",
                "run.state_changed " + runs.get("is-killed") + " running->killed",
                "run.state_changed " + runs.get("is-preempted") + " running->preempted",
                "run.state_changed " + runs.get("goes-pending") + " running->pending",
                "run.state_changed " + runs.get("starts") + " pending->running",
                "run.state_changed " + runs.get("crashes") + " running->crashed").stream().sorted().toList(),
                changes.stream().sorted().toList());
    }

    @Test
    void sweepsCreatedStateAndBestRun() {
        String project = newProject();
        WatchScope scope = new WatchScope(new ProjectRef(ENTITY, project), null, true, List.of(), List.of());
        String old = createSweep(ENTITY, project, "method: random\nmetric:\n  name: val_acc\n  goal: maximize\n"
                + "parameters:\n  lr:\n    values: [0.1, 0.01]\n");
        createRun(ENTITY, project, Map.of("sweep", old, "summary", Map.of("val_acc", 0.5)));
        cycle(scope);
        assertTrue(events(project).isEmpty());

        String sweep = createSweep(ENTITY, project, "method: random\nmetric:\n  name: loss\n  goal: minimize\n"
                + "parameters:\n  lr:\n    values: [0.1, 0.01]\n");
        cycle(scope);
        String first = createRun(ENTITY, project, Map.of("sweep", sweep, "summary", Map.of("loss", 0.7)));
        cycle(scope);
        String second = createRun(ENTITY, project, Map.of("sweep", sweep, "summary", Map.of("loss", 0.9)));
        cycle(scope);
        patchRun(ENTITY, project, second, Map.of("summary", Map.of("loss", 0.3)));
        cycle(scope);
        String better = createRun(ENTITY, project, Map.of("sweep", old, "summary", Map.of("val_acc", 0.8)));
        cycle(scope);
        wandb.setSweepState(new SweepRef(ENTITY, project, sweep), SweepState.PAUSED);
        cycle(scope);

        List<Event> sweepEvents = events(project).stream().filter(e -> e.type().startsWith("sweep.")).toList();
        assertEquals(List.of(
                "sweep.created " + sweep,
                "sweep.best_changed " + sweep,
                "sweep.best_changed " + sweep,
                "sweep.best_changed " + old,
                "sweep.state_changed " + sweep + " running->paused"), describe(sweepEvents));
        JsonNode created = sweepEvents.get(0).payload();
        assertEquals("loss", created.get("metric").asText());
        assertEquals("minimize", created.get("goal").asText());
        JsonNode firstBest = sweepEvents.get(1).payload();
        assertEquals(first, firstBest.get("run").asText());
        assertEquals(0.7, firstBest.get("value").asDouble());
        assertTrue(firstBest.get("previousRun").isNull());
        JsonNode secondBest = sweepEvents.get(2).payload();
        assertEquals(second, secondBest.get("run").asText());
        assertEquals(0.3, secondBest.get("value").asDouble());
        assertEquals(first, secondBest.get("previousRun").asText());
        JsonNode maximized = sweepEvents.get(3).payload();
        assertEquals(better, maximized.get("run").asText());
        assertEquals(0.5, maximized.get("previousValue").asDouble());
    }

    @Test
    void queueItemsAddedClaimedAndFailed() {
        String project = newProject();
        QueueRef queue = new QueueRef(ENTITY, "q-" + project);
        wandb.createQueue(new QueueSpec(queue, "local-process", Map.of(), List.of(), null, List.of()));
        wandb.push(queue, Map.of("docker", Map.of("docker_image", "img:1")), null, Map.of());
        WatchScope scope = new WatchScope(new ProjectRef(ENTITY, project), null, false, List.of(), List.of(queue));
        cycle(scope);
        assertTrue(events(queue.name()).isEmpty(), "items queued before watching are the baseline");

        String added = wandb.push(queue, Map.of("docker", Map.of("docker_image", "img:2")), null, Map.of()).itemId();
        cycle(scope);
        io.launchpilot.sandbox.ProjectRef launch = new io.launchpilot.sandbox.ProjectRef(ENTITY, WandbClient.LAUNCH_PROJECT);
        QueueItem leased = sandboxQueues.pop(launch, queue.name(), "agent").orElseThrow();
        cycle(scope);
        sandboxQueues.ack(leased.id(), "run0001");
        cycle(scope);
        QueueItem next = sandboxQueues.pop(launch, queue.name(), "agent").orElseThrow();
        sandboxQueues.fail(next.id(), new QueueItem.Failure("no GPU", "agent", List.of()));
        cycle(scope);

        List<Event> events = events(queue.name());
        List<String> described = describe(events);
        assertEquals("queue.item_added " + added.substring(added.lastIndexOf('/') + 1), described.get(0));
        assertEquals("pending", events.get(0).payload().get("state").asText());
        assertEquals(ENTITY + "/" + queue.name() + "/" + added, events.get(0).subject());
        assertEquals(List.of("pending->leased", "leased->claimed", "pending->failed"),
                events.subList(1, events.size()).stream()
                        .map(e -> e.payload().get("from").asText() + "->" + e.payload().get("to").asText()).toList());
        assertEquals("run0001", events.get(2).payload().get("run").asText());
        assertEquals(added, events.get(3).payload().get("item").asText());
    }

    @Test
    void queueDepthAndOldestPendingItemAreGaugesPerWatchedQueue() {
        String project = newProject();
        QueueRef queue = new QueueRef(ENTITY, "q-" + project);
        wandb.createQueue(new QueueSpec(queue, "local-process", Map.of(), List.of(), null, List.of()));
        wandb.push(queue, Map.of("docker", Map.of("docker_image", "img:1")), null, Map.of());
        wandb.push(queue, Map.of("docker", Map.of("docker_image", "img:2")), null, Map.of());
        WatchScope scope = new WatchScope(new ProjectRef(ENTITY, project), null, false, List.of(), List.of(queue));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        WatchService service = new WatchService(config, wandb, store, clock, meters, migration, new Leadership(),
                Optional.empty());

        cycle(service, List.of(scope), clock.instant());
        assertEquals(2.0, meters.get(MetricNames.QUEUE_DEPTH).tag(MetricNames.QUEUE, queue.path()).gauge().value());
        double oldest = meters.get(MetricNames.QUEUE_OLDEST_PENDING).tag(MetricNames.QUEUE, queue.path()).gauge().value();
        assertTrue(oldest >= 0, "age of the oldest pending item: " + oldest);

        io.launchpilot.sandbox.ProjectRef launch = new io.launchpilot.sandbox.ProjectRef(ENTITY, WandbClient.LAUNCH_PROJECT);
        sandboxQueues.pop(launch, queue.name(), "agent").orElseThrow();
        sandboxQueues.pop(launch, queue.name(), "agent").orElseThrow();
        cycle(service, List.of(scope), clock.instant());
        assertEquals(0.0, meters.get(MetricNames.QUEUE_DEPTH).tag(MetricNames.QUEUE, queue.path()).gauge().value(),
                "leased items wait no more");
        assertEquals(0.0, meters.get(MetricNames.QUEUE_OLDEST_PENDING).tag(MetricNames.QUEUE, queue.path()).gauge().value());

        service.leadershipChanged(new LeadershipChanged(false, "me", LeaderMode.POSTGRESQL, clock.instant()));
        assertTrue(meters.find(MetricNames.QUEUE_DEPTH).gauges().isEmpty(), "a follower shows no queue it does not poll");
    }

    @Test
    void anIdlePollOfManyProjectsIsOneRequestAndTenChangesAreOne() {
        List<WatchScope> scopes = new ArrayList<>();
        List<String[]> runs = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            String project = newProject();
            for (int r = 0; r < 20; r++) {
                String name = createRun(ENTITY, project, Map.of("state", r % 4 == 0 ? "running" : "finished",
                        "summary", Map.of("loss", r)));
                runs.add(new String[] {project, name});
            }
            scopes.add(p == 0 ? new WatchScope(new ProjectRef(ENTITY, project), null, true, List.of(), List.of())
                    : runsOf(project));
        }
        createSweep(ENTITY, scopes.get(0).project().name(), "method: grid\nmetric:\n  name: loss\nparameters:\n"
                + "  lr:\n    values: [0.1]\n");
        cycle(watcher, scopes, clock.instant());

        long before = SandboxApi.requests(WatchService.OPERATION);
        WatchService.CycleReport idle = cycle(watcher, scopes, clock.instant());
        assertEquals(1, SandboxApi.requests(WatchService.OPERATION) - before, "one request for every project");
        assertEquals(1, idle.requests());
        assertEquals(0, idle.events());

        for (int i = 0; i < 10; i++) {
            String[] run = runs.get(i * 9 + 1);
            patchRun(ENTITY, run[0], run[1], Map.of("summary", Map.of("loss", 100 + i)));
        }
        before = SandboxApi.requests(WatchService.OPERATION);
        WatchService.CycleReport busy = cycle(watcher, scopes, clock.instant());
        assertEquals(10, busy.events());
        assertEquals(1, SandboxApi.requests(WatchService.OPERATION) - before, "changed runs come with their summary");
    }

    @Test
    void aWindowSettlesAndChangesAfterItAreStillSeen() throws Exception {
        String project = newProject();
        WatchScope scope = runsOf(project);
        String run = createRun(ENTITY, project, Map.of("summary", Map.of("loss", 1.0)));
        Instant t = clock.instant();
        cycle(watcher, List.of(scope), t);
        Snapshots.ProjectPosition start = position(project);
        assertEquals(start.heartbeat().minus(config.overlap()), start.floor());

        cycle(watcher, List.of(scope), t.plusSeconds(1));
        assertEquals(start, position(project), "the window stays open for one overlap");
        cycle(watcher, List.of(scope), t.plus(config.overlap()).plusSeconds(1));
        Snapshots.ProjectPosition settled = position(project);
        assertEquals(start.heartbeat().plusSeconds(1), settled.floor(), "then only later heartbeats are read");

        // W&B's times have second precision: change the run in a later second than its last heartbeat
        Thread.sleep(1100 - clock.instant().toEpochMilli() % 1000);
        patchRun(ENTITY, project, run, Map.of("summary", Map.of("loss", 0.5)));
        assertEquals(1, cycle(watcher, List.of(scope), t.plus(config.overlap()).plusSeconds(2)).events());
        Snapshots.ProjectPosition moved = position(project);
        assertTrue(moved.heartbeat().isAfter(start.heartbeat()));
        assertEquals(moved.heartbeat().minus(config.overlap()), moved.floor());
    }

    private Snapshots.ProjectPosition position(String project) {
        return Snapshots.read(store.cursor(ProjectWatch.scopeOf(new ProjectRef(ENTITY, project))).position(),
                Snapshots.ProjectPosition.class);
    }

    @Test
    void a429StormSlowsTheWatcherDownAndLosesNothing() {
        String project = newProject();
        WatchScope scope = runsOf(project);
        String run = createRun(ENTITY, project, Map.of("summary", Map.of("loss", 1.0)));
        cycle(scope);
        Duration base = config.interval();

        SandboxApi.faults(Map.of("rateLimitEvery", 2, "retryAfterSeconds", 0));
        wandb.viewer();
        patchRun(ENTITY, project, run, Map.of("summary", Map.of("loss", 0.9)));
        WatchService.CycleReport limited = cycle(scope);
        assertEquals(Map.of(), limited.failures(), "retried after Retry-After");
        assertEquals(1, limited.events());
        assertEquals(base.multipliedBy(2), watcher.effectiveInterval());

        SandboxApi.faults(Map.of("rateLimitEvery", 1, "retryAfterSeconds", 0));
        patchRun(ENTITY, project, run, Map.of("summary", Map.of("loss", 0.8)));
        long version = store.cursor(ProjectWatch.scopeOf(scope.project())).version();
        WatchService.CycleReport refused = cycle(scope);
        assertEquals(1, refused.failures().size());
        assertEquals(0, refused.events());
        assertEquals(version, store.cursor(ProjectWatch.scopeOf(scope.project())).version(), "the cursor stays");
        assertEquals(base.multipliedBy(4), watcher.effectiveInterval());

        SandboxApi.clearFaults();
        assertEquals(1, cycle(scope).events());
        assertEquals(base.multipliedBy(2), watcher.effectiveInterval());
        cycle(scope);
        assertEquals(base, watcher.effectiveInterval());
        assertEquals(List.of("run.summary_changed " + run + " [\"loss\"]", "run.summary_changed " + run + " [\"loss\"]"),
                describe(events(project)));
        assertEquals(List.of(0.9, 0.8), events(project).stream()
                .map(e -> e.payload().get("values").get("loss").asDouble()).toList());
    }

    @Test
    void aProjectThatFailsDoesNotStopTheOthers() {
        String good = newProject();
        String bad = newProject();
        String other = newProject();
        WatchScope broken = new WatchScope(new ProjectRef(ENTITY, bad), "{\"state\": {\"$bogus\": 1}}", false,
                List.of(), List.of());
        List<WatchScope> scopes = List.of(runsOf(good), broken, runsOf(other));
        String run = createRun(ENTITY, good, Map.of());
        String otherRun = createRun(ENTITY, other, Map.of());
        createRun(ENTITY, bad, Map.of());

        WatchService.CycleReport baseline = cycle(watcher, scopes, clock.instant());
        assertEquals(List.of(ProjectWatch.scopeOf(broken.project())), List.copyOf(baseline.failures().keySet()));

        patchRun(ENTITY, good, run, Map.of("state", "finished"));
        patchRun(ENTITY, other, otherRun, Map.of("state", "failed"));
        WatchService.CycleReport next = cycle(watcher, scopes, clock.instant());
        assertEquals(Map.of(ProjectWatch.scopeOf(broken.project()), next.failures().values().iterator().next()),
                next.failures());
        assertEquals(2, next.requests(), "the others together, the failing one alone");
        assertEquals(List.of("run.state_changed " + run + " running->finished"), describe(events(good)));
        assertEquals(List.of("run.state_changed " + otherRun + " running->failed"), describe(events(other)));
        assertTrue(watcher.status().failing().containsKey(ProjectWatch.scopeOf(broken.project())));
    }

    @Test
    void aPollNeverOverlapsItself() throws Exception {
        String project = newProject();
        WatchScope scope = runsOf(project);
        cycle(scope);
        SandboxApi.faults(Map.of("latencyMs", 1500));
        CompletableFuture<WatchService.CycleReport> slow = CompletableFuture.supplyAsync(() ->
                watcher.cycle(List.of(scope), clock.instant()));
        Thread.sleep(300);
        assertTrue(watcher.cycle(List.of(scope), clock.instant()).skipped());
        assertFalse(slow.get(30, TimeUnit.SECONDS).skipped());
    }

    /**
     * A process killed in the middle of a poll: the commit of the k-th scope never happens (the
     * connection is dropped, as the database sees a dead process). A new watcher (a restarted
     * process, with nothing in memory) then polls again: every change is in the ledger exactly once.
     */
    @Test
    void aCrashInTheMiddleOfAPollLosesNothingAndRepeatsNothing() {
        List<WatchScope> scopes = new ArrayList<>();
        List<String[]> watched = new ArrayList<>();
        List<List<String>> crashers = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            String project = newProject();
            scopes.add(runsOf(project));
            watched.add(new String[] {project, createRun(ENTITY, project, Map.of("summary", Map.of("step", 0)))});
            List<String> running = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                running.add(createRun(ENTITY, project, Map.of("state", "running")));
            }
            crashers.add(running);
        }
        cycle(newWatcher(store), scopes, clock.instant());

        for (int round = 1; round <= 3; round++) {
            for (int p = 0; p < 3; p++) {
                String[] run = watched.get(p);
                patchRun(ENTITY, run[0], run[1], Map.of("summary", Map.of("step", round)));
                sandboxRuns.update(new io.launchpilot.sandbox.RunRef(ENTITY, run[0], crashers.get(p).get(round - 1)),
                        RunPatch.state("crashed"));
            }
            AtomicInteger commits = new AtomicInteger();
            int crashAt = round;
            WatchService.CycleReport dying = cycle(newWatcher(new Store(crashingAtCommit(commits, crashAt))), scopes,
                    clock.instant());
            assertEquals(1, dying.failures().size(), "the poll died at commit " + crashAt);
            WatchService.CycleReport restarted = cycle(newWatcher(store), scopes, clock.instant());
            assertEquals(Map.of(), restarted.failures());
            assertEquals(2, restarted.events(), "only the scope whose commit was lost is read again");
        }

        for (int p = 0; p < 3; p++) {
            String project = watched.get(p)[0];
            Map<String, Long> counts = events(project).stream().collect(Collectors.groupingBy(
                    e -> e.type() + " " + e.subject() + " " + e.payload().path("values").path("step").asText()
                            + e.payload().path("to").asText(), Collectors.counting()));
            assertEquals(6, counts.size(), counts.toString());
            assertTrue(counts.values().stream().allMatch(count -> count == 1), counts.toString());
        }
    }

    private WatchService newWatcher(Store store) {
        return new WatchService(config, wandb, store, clock, new SimpleMeterRegistry(), migration, new Leadership(),
                Optional.empty());
    }

    /** The application's database, except that commit number {@code crashAt} fails as if the process died. */
    private DataSource crashingAtCommit(AtomicInteger commits, int crashAt) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(dataSource, method, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection connection = (Connection) result;
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("commit") && commits.incrementAndGet() == crashAt) {
                                    throw new SQLException("simulated crash before commit " + crashAt);
                                }
                                return invoke(connection, m, a);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
