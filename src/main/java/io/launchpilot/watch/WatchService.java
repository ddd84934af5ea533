package io.launchpilot.watch;

import io.launchpilot.metrics.MetricNames;
import io.launchpilot.store.Cursor;
import io.launchpilot.store.Leadership;
import io.launchpilot.store.LeadershipChanged;
import io.launchpilot.store.Store;
import io.launchpilot.store.StoreMigration;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.WandbBatch;
import io.launchpilot.wandb.WandbClient;
import io.launchpilot.wandb.WandbException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Watches the configured projects and queues of W&B and records what changed in the event ledger.
 *
 * <p>A poll ({@link #cycle}) reads every scope at once: all reads of a round go out as one GraphQL
 * request ({@value #OPERATION}) with one alias per read, so an idle poll of any number of projects is
 * one request. Each scope's events, snapshots and cursor are then committed in one transaction of its
 * own: a crash before the commit loses nothing (the next poll reads the same changes again from the
 * old cursor) and a crash after it repeats nothing.
 *
 * <p>Failures stay where they happen: a scope W&B answers with an error is polled alone from then
 * on, until it works again, while the others carry on together; its cursor stays where it was. While
 * W&B answers 429 the interval doubles (up to {@code max-backoff}), and shrinks back once it stops.
 * A poll never overlaps another.
 *
 * <p>Only the leader among replicas polls (see {@link Leadership}); a replica that becomes the leader
 * starts from what the store holds, and one that stops being it commits nothing more.
 */
@ApplicationScoped
public class WatchService {

    /** The operation name of the watcher's batched reads, as W&B (and the sandbox's stats) see it. */
    public static final String OPERATION = "WatchPoll";
    static final int MAX_ROUNDS = 25;

    private static final Logger LOG = Logger.getLogger(WatchService.class);

    private final WatchConfig config;
    private final WandbClient wandb;
    private final Store store;
    private final Clock clock;
    private final MeterRegistry meters;
    private final StoreMigration migration;
    private final Leadership leadership;
    private final boolean serving;

    private final ReentrantLock polling = new ReentrantLock();
    private final Map<String, ScopeState> states = new ConcurrentHashMap<>();
    private final Set<String> isolated = ConcurrentHashMap.newKeySet();
    private final Map<String, String> failing = new ConcurrentHashMap<>();
    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    private final AtomicInteger backoff = new AtomicInteger(1);
    private final AtomicInteger ticksToSkip = new AtomicInteger();
    private final Timer okCycles;
    private final Timer partialCycles;
    private final Timer failedCycles;
    private final Counter rateLimitedCycles;
    private final Map<QueueRef, QueueWatch.Backlog> backlogs = new ConcurrentHashMap<>();
    private final Map<QueueRef, List<Gauge>> backlogGauges = new ConcurrentHashMap<>();

    private volatile Instant waitingSince;
    private volatile List<WatchScope> scopes;
    private volatile Instant cycleStartedAt;
    private volatile Instant lastCompletedAt;
    private volatile Duration lastDuration;

    @Inject
    WatchService(WatchConfig config, WandbClient wandb, Store store, Clock clock, MeterRegistry meters,
            StoreMigration migration, Leadership leadership,
            @ConfigProperty(name = "launchpilot.run-mode") Optional<String> runMode) {
        this.config = config;
        this.wandb = wandb;
        this.store = store;
        this.clock = clock;
        this.meters = meters;
        this.migration = migration;
        this.leadership = leadership;
        this.serving = StoreMigration.usesStore(runMode);
        this.waitingSince = clock.instant();
        this.okCycles = cycleTimer("ok");
        this.partialCycles = cycleTimer("partial");
        this.failedCycles = cycleTimer("failed");
        this.rateLimitedCycles = Counter.builder(MetricNames.WATCH_RATE_LIMITED)
                .description("Polls during which W&B answered 429").register(meters);
        meters.gauge(MetricNames.WATCH_INTERVAL, this, service -> service.effectiveInterval().toMillis() / 1000.0);
        meters.gauge(MetricNames.WATCH_FAILING_SCOPES, failing, Map::size);
    }

    /** The configured scopes, checked; throws {@link IllegalArgumentException} naming a bad entry. */
    public List<WatchScope> scopes() {
        List<WatchScope> current = scopes;
        if (current == null) {
            current = WatchScope.of(config);
            scopes = current;
        }
        return current;
    }

    /** Whether this process would poll on its own as the leader: {@code serve}, enabled, with at least one scope. */
    public boolean configured() {
        return serving && config.enabled() && !scopes().isEmpty();
    }

    /** Whether this process polls now: configured, and the leader. */
    public boolean active() {
        return configured() && leadership.isLeader();
    }

    /**
     * A new leader starts from the store, where the previous one left the cursors; a former leader
     * forgets what it polled, including its view of the queues.
     */
    void leadershipChanged(@Observes LeadershipChanged change) {
        // no lock: a poll still running when leadership is lost commits nothing more (see cycle)
        states.clear();
        isolated.clear();
        failing.clear();
        lastCompletedAt = null;
        waitingSince = clock.instant();
        backlogGauges.values().forEach(gauges -> gauges.forEach(meters::remove));
        backlogGauges.clear();
        backlogs.clear();
    }

    /** The scheduler's tick: polls the configured scopes unless the watcher is idle or backing off. */
    void tick() {
        if (!active() || !migration.done()) {
            return;
        }
        if (ticksToSkip.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return;
        }
        cycle(scopes(), clock.instant());
    }

    /** What one poll did. */
    @RegisterForReflection
    public record CycleReport(boolean skipped, int requests, int events, Map<String, String> failures) {

        static final CycleReport SKIPPED = new CycleReport(true, 0, 0, Map.of());
    }

    /**
     * Polls the given scopes once, at {@code now} (the time the events are recorded as observed).
     * Returns at once, {@link CycleReport#skipped() skipped}, while another poll runs.
     */
    public CycleReport cycle(List<WatchScope> scopes, Instant now) {
        if (!polling.tryLock()) {
            return CycleReport.SKIPPED;
        }
        long start = System.nanoTime();
        cycleStartedAt = clock.instant();
        double rateLimitedBefore = rateLimited();
        Map<String, String> failures = new LinkedHashMap<>();
        List<Watch> watches = List.of();
        int[] requests = {0};
        int events = 0;
        boolean limited = false;
        try {
            watches = watches(scopes, now, failures);
            limited = poll(watches, failures, requests);
            for (Watch watch : watches) {
                if (failures.containsKey(watch.scope())) {
                    continue;
                }
                if (!leadership.isLeader()) {
                    // leadership was lost during the reads: the new leader reads the same changes again
                    states.remove(watch.scope());
                    continue;
                }
                try {
                    events += commit(watch, now);
                    recordBacklog(watch);
                } catch (RuntimeException e) {
                    // a conflict (another writer moved the cursor) or a store failure: read it again next time
                    states.remove(watch.scope());
                    failures.put(watch.scope(), describe(e));
                }
            }
            report(watches, failures);
            return new CycleReport(false, requests[0], events, Map.copyOf(failures));
        } finally {
            limited |= rateLimited() > rateLimitedBefore;
            pace(limited);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Timer outcome = failures.isEmpty() ? okCycles
                    : failures.size() < watches.size() ? partialCycles : failedCycles;
            outcome.record(took.toNanos(), TimeUnit.NANOSECONDS);
            lastDuration = took;
            lastCompletedAt = clock.instant();
            cycleStartedAt = null;
            polling.unlock();
        }
    }

    /** The watches of a poll: one per project, one per followed queue (a queue followed twice is read once). */
    private List<Watch> watches(List<WatchScope> scopes, Instant now, Map<String, String> failures) {
        List<Watch> watches = new ArrayList<>();
        Set<QueueRef> queues = new LinkedHashSet<>();
        for (WatchScope scope : scopes) {
            String key = ProjectWatch.scopeOf(scope.project());
            try {
                watches.add(new ProjectWatch(scope, state(key), config.overlap(), config.pageSize(), now));
            } catch (RuntimeException e) {
                failures.put(key, describe(e));
            }
            queues.addAll(scope.queues());
        }
        for (QueueRef queue : queues) {
            String key = QueueWatch.scopeOf(queue);
            try {
                watches.add(new QueueWatch(queue, state(key), config.pageSize()));
            } catch (RuntimeException e) {
                failures.put(key, describe(e));
            }
        }
        return watches;
    }

    private ScopeState state(String scope) {
        return states.computeIfAbsent(scope, key -> {
            Cursor cursor = store.cursor(key);
            return new ScopeState(cursor, cursor.version() == 0 ? Map.of() : store.snapshots(key), 0);
        });
    }

    /** Reads until every watch is done or failed; returns whether W&B rate-limited a failed read. */
    private boolean poll(List<Watch> watches, Map<String, String> failures, int[] requests) {
        boolean limited = false;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Watch> together = new ArrayList<>();
            List<Watch> alone = new ArrayList<>();
            for (Watch watch : watches) {
                if (!failures.containsKey(watch.scope()) && !watch.done()) {
                    (isolated.contains(watch.scope()) ? alone : together).add(watch);
                }
            }
            if (together.isEmpty() && alone.isEmpty()) {
                return limited;
            }
            if (!together.isEmpty()) {
                limited |= round(together, failures, requests);
            }
            for (Watch watch : alone) {
                limited |= round(List.of(watch), failures, requests);
            }
        }
        for (Watch watch : watches) {
            if (!failures.containsKey(watch.scope()) && !watch.done()) {
                failures.put(watch.scope(), "still reading after " + MAX_ROUNDS + " requests");
            }
        }
        return limited;
    }

    /** One request for the watches' reads of this round; a request W&B refuses is retried one watch at a time. */
    private boolean round(List<Watch> watches, Map<String, String> failures, int[] requests) {
        WandbBatch batch = wandb.batch(OPERATION);
        watches.forEach(watch -> watch.request(batch));
        try {
            if (batch.size() > 0) {
                requests[0]++;
            }
            batch.execute();
        } catch (WandbException e) {
            if (watches.size() > 1 && refused(e)) {
                LOG.debugf("W&B refused a batched poll (%s); polling its scopes one at a time", e.getMessage());
                boolean limited = false;
                for (Watch watch : watches) {
                    limited |= round(List.of(watch), failures, requests);
                }
                return limited;
            }
            for (Watch watch : watches) {
                failures.put(watch.scope(), describe(e));
                if (refused(e)) {
                    isolated.add(watch.scope());
                }
            }
            return e.status() == 429;
        }
        for (Watch watch : watches) {
            try {
                watch.receive();
                if (watches.size() == 1 && watch.done()) {
                    isolated.remove(watch.scope());
                }
            } catch (RuntimeException e) {
                failures.put(watch.scope(), describe(e));
            }
        }
        return false;
    }

    /** An answer about the request itself (a GraphQL error, a 4xx), which another scope's read may have caused. */
    private static boolean refused(WandbException e) {
        return switch (e.kind()) {
            case GRAPHQL_ERRORS, HTTP_STATUS, INVALID_RESPONSE -> true;
            default -> false;
        };
    }

    /** Commits a finished watch; returns the number of events appended. */
    private int commit(Watch watch, Instant now) {
        Watch.Outcome outcome = watch.outcome();
        String scope = watch.scope();
        ScopeState state = states.get(scope);
        reportMissing(scope, outcome.missing());
        boolean moved = state.cursor().version() == 0 || !Objects.equals(outcome.position(), state.cursor().position());
        if (outcome.events().isEmpty() && outcome.snapshots().isEmpty() && outcome.forgotten().isEmpty() && !moved) {
            states.put(scope, state.withLastChanges(outcome.changes()));
            return 0;
        }
        Cursor cursor = store.transaction(tx -> {
            Cursor next = tx.moveCursor(scope, state.cursor().version(), outcome.position(), now);
            tx.append(outcome.events(), now);
            tx.putSnapshots(scope, outcome.snapshots());
            tx.deleteSnapshots(scope, outcome.forgotten());
            return next;
        });
        states.put(scope, state.committed(cursor, outcome));
        outcome.events().forEach(event ->
                meters.counter(MetricNames.WATCH_EVENTS, MetricNames.TYPE, event.type()).increment());
        return outcome.events().size();
    }

    /** Keeps the depth and the oldest pending item of a polled queue for its gauges. */
    private void recordBacklog(Watch watch) {
        if (!(watch instanceof QueueWatch queueWatch)) {
            return;
        }
        QueueRef queue = queueWatch.queue();
        backlogs.put(queue, queueWatch.backlog());
        backlogGauges.computeIfAbsent(queue, ref -> List.of(
                Gauge.builder(MetricNames.QUEUE_DEPTH, backlogs, all -> all.getOrDefault(ref, QueueWatch.Backlog.EMPTY).pending())
                        .description("Pending items of a watched run queue")
                        .tag(MetricNames.QUEUE, ref.path()).register(meters),
                Gauge.builder(MetricNames.QUEUE_OLDEST_PENDING, backlogs,
                                all -> all.getOrDefault(ref, QueueWatch.Backlog.EMPTY).oldestPendingAge(clock.instant()))
                        .description("Age of the oldest pending item of a watched run queue")
                        .baseUnit("seconds").tag(MetricNames.QUEUE, ref.path()).register(meters)));
    }

    private void reportMissing(String scope, boolean isMissing) {
        if (isMissing && missing.add(scope)) {
            LOG.warnf("%s does not exist in W&B (yet); watching for it to appear", scope);
        } else if (!isMissing && missing.remove(scope)) {
            LOG.infof("%s exists in W&B now", scope);
        }
    }

    private void report(List<Watch> watches, Map<String, String> failures) {
        for (Watch watch : watches) {
            String scope = watch.scope();
            String failure = failures.get(scope);
            if (failure == null) {
                if (failing.remove(scope) != null) {
                    LOG.infof("watching %s works again", scope);
                }
            } else if (failing.put(scope, failure) == null) {
                LOG.warnf("watching %s failed; its cursor stays where it was: %s", scope, failure);
            } else {
                LOG.debugf("watching %s failed again: %s", scope, failure);
            }
        }
    }

    /** Doubles the interval after a poll that met 429s, halves it after one that did not. */
    private void pace(boolean limited) {
        long maxFactor = Math.max(1, config.maxBackoff().toMillis() / Math.max(1, config.interval().toMillis()));
        int factor = limited
                ? backoff.updateAndGet(f -> (int) Math.min(maxFactor, (long) f * 2))
                : backoff.updateAndGet(f -> Math.max(1, f / 2));
        if (limited) {
            rateLimitedCycles.increment();
            LOG.warnf("W&B answered 429 during this poll; polling every %s now", effectiveInterval());
        }
        ticksToSkip.set(factor - 1);
    }

    private double rateLimited() {
        return meters.find(MetricNames.WANDB_RATE_LIMITED).counters().stream().mapToDouble(Counter::count).sum();
    }

    private Timer cycleTimer(String outcome) {
        return Timer.builder(MetricNames.WATCH_CYCLE).description("Time one poll of all scopes took")
                .tag(MetricNames.OUTCOME, outcome).register(meters);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The interval as stretched by 429s. */
    public Duration effectiveInterval() {
        return config.interval().multipliedBy(backoff.get());
    }

    /** What the readiness check and operators see. */
    @RegisterForReflection
    public record Status(boolean active, Instant cycleStartedAt, Instant lastCompletedAt, Duration lastDuration,
            Duration interval, Map<String, String> failing, Set<String> missing) {
    }

    public Status status() {
        return new Status(active(), cycleStartedAt, lastCompletedAt, lastDuration, effectiveInterval(),
                Map.copyOf(failing), Set.copyOf(missing));
    }

    /** Since when a first poll is awaited: this service's creation, or the moment it became the leader. */
    Instant waitingSince() {
        return waitingSince;
    }
}
