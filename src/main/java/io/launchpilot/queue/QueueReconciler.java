package io.launchpilot.queue;

import io.launchpilot.RunMode;
import io.launchpilot.queue.QueueChange.Action;
import io.launchpilot.store.Leadership;
import io.launchpilot.store.LeadershipChanged;
import io.launchpilot.spec.SpecFiles;
import io.launchpilot.wandb.QueueRef;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Continuous reconciliation in {@code serve}: every {@code launchpilot.queues.reconcile-every}, and
 * as soon as a file under {@code <config-dir>/queues/} changes, the specs are planned and the plan
 * applied. A change made by hand in W&B to a managed queue is put back and announced as a
 * {@link QueueDriftCorrected} event. Specs with errors, and plans W&B cannot carry out, are logged
 * and not applied at all; queues are deleted only with {@code launchpilot.queues.prune=true}.
 * Among replicas only the leader reconciles in the background; REST and CLI applies work anywhere.
 */
@ApplicationScoped
public class QueueReconciler {

    private static final Logger LOG = Logger.getLogger(QueueReconciler.class);
    static final String RECONCILE_JOB = "queues-reconcile";
    static final String WATCH_JOB = "queues-watch";

    /** The outcome of one pass, for logs and tests. */
    public record Outcome(QueuePlan plan, ApplyResult result, List<QueueDriftCorrected> drift, String skipped) {

        static Outcome skipped(String why) {
            return new Outcome(null, null, List.of(), why);
        }
    }

    private final QueuesConfig config;
    private final QueueSpecLoader loader;
    private final QueueService service;
    private final Event<QueueDriftCorrected> driftEvents;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Leadership leadership;
    private final Optional<String> runMode;

    /** Queues seen in W&B with their spec applied: if one disappears, it was deleted by hand. */
    private final Set<QueueRef> known = new LinkedHashSet<>();
    private volatile String lastFingerprint;

    QueueReconciler(QueuesConfig config, QueueSpecLoader loader, QueueService service,
            Event<QueueDriftCorrected> driftEvents, Clock clock, Scheduler scheduler, Leadership leadership,
            @ConfigProperty(name = "launchpilot.run-mode") Optional<String> runMode) {
        this.config = config;
        this.loader = loader;
        this.service = service;
        this.driftEvents = driftEvents;
        this.clock = clock;
        this.scheduler = scheduler;
        this.leadership = leadership;
        this.runMode = runMode;
    }

    void schedule(@Observes StartupEvent start) {
        Optional<Duration> every = interval("launchpilot.queues.reconcile-every", config.reconcileEvery());
        Optional<Duration> watch = interval("launchpilot.queues.watch-interval", config.watchInterval());
        if (!runs(runMode) || every.isEmpty()) {
            return;
        }
        scheduler.newJob(RECONCILE_JOB)
                .setInterval(every.get().toMillis() + "ms")
                .setDelayed("1s")
                .setConcurrentExecution(ConcurrentExecution.SKIP)
                .setTask(execution -> {
                    if (leadership.isLeader()) {
                        reconcileQuietly();
                    }
                })
                .schedule();
        watch.ifPresent(interval -> scheduler.newJob(WATCH_JOB)
                .setInterval(interval.toMillis() + "ms")
                .setDelayed("1s")
                .setConcurrentExecution(ConcurrentExecution.SKIP)
                .setTask(execution -> {
                    if (leadership.isLeader()) {
                        reconcileIfFilesChanged();
                    }
                })
                .schedule());
        LOG.infof("queues: reconciling %s every %s%s%s", loader.defaultDirectory(), config.reconcileEvery(),
                watch.isPresent() ? " and on file changes" : "",
                config.prune() ? ", pruning managed queues no spec names" : "");
    }

    /** Background reconciliation runs in {@code serve}, and when no mode is set (tests, dev mode). */
    static boolean runs(Optional<String> runMode) {
        return RunMode.configured(runMode) == RunMode.SERVE;
    }

    /** A duration such as {@code 5m}, or empty for {@code off}; anything else stops start-up. */
    static Optional<Duration> interval(String key, String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (text.equals("off") || text.equals("false") || text.equals("disabled")) {
            return Optional.empty();
        }
        try {
            Duration duration = DurationConverter.parseDuration(text);
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("not positive");
            }
            return Optional.of(duration);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 5m, 30s or 1h, or off; got '"
                    + value + "'", e);
        }
    }

    /** A pass over {@code <config-dir>/queues/}, with pruning as configured. */
    public Outcome reconcile() {
        return reconcile(loader.defaultDirectory(), config.prune());
    }

    synchronized Outcome reconcile(Path directory, boolean prune) {
        lastFingerprint = SpecFiles.fingerprint(directory);
        if (!Files.isDirectory(directory)) {
            return Outcome.skipped("no directory " + directory);
        }
        QueueSpecSet specs;
        try {
            specs = loader.load(List.of(directory));
        } catch (QueueSpecException e) {
            LOG.errorf("queues: %s has errors; nothing applied until they are fixed:", directory);
            e.problems().forEach(problem -> LOG.errorf("  %s", problem));
            return Outcome.skipped(e.getMessage());
        }
        specs.warnings().forEach(warning -> LOG.warnf("queues: %s", warning));
        ApplyResult result;
        try {
            result = service.apply(specs, new PlanOptions(prune, false, Set.of()), false);
        } catch (PlanRefusedException e) {
            e.plan().refused().forEach(change -> LOG.errorf("queues: %s: queue %s: %s; nothing applied",
                    change.position(), change.queue().path(), change.reason()));
            return Outcome.skipped(e.getMessage());
        }
        List<QueueDriftCorrected> drift = new ArrayList<>();
        for (QueueChange change : result.applied()) {
            QueueDriftCorrected event = null;
            if (change.action() == Action.UPDATE && change.drift()) {
                event = new QueueDriftCorrected(change.queue(), QueueDriftCorrected.Kind.CHANGED, change.fields(),
                        clock.instant());
            } else if (change.action() == Action.CREATE && known.contains(change.queue())) {
                event = new QueueDriftCorrected(change.queue(), QueueDriftCorrected.Kind.DELETED, List.of(),
                        clock.instant());
            }
            if (event != null) {
                LOG.warnf("queues: %s was %s by hand in W&B%s; put back as its spec says", change.queue().path(),
                        event.kind() == QueueDriftCorrected.Kind.DELETED ? "deleted" : "changed",
                        event.fields().isEmpty() ? "" : " (" + String.join(", ", event.fields()) + ")");
                drift.add(event);
                driftEvents.fire(event);
            }
        }
        remember(result);
        result.plan().with(Action.ORPHANED).forEach(change -> LOG.infof(
                "queues: %s is managed but no spec names it; launchpilot.queues.prune=true would delete it",
                change.queue().path()));
        return new Outcome(result.plan(), result, drift, null);
    }

    /**
     * A new leader starts as after a restart: what it saw as a follower's former self is out of date,
     * and its first file check reconciles at once.
     */
    void leadershipChanged(@Observes LeadershipChanged change) {
        if (change.leader()) {
            forget();
        }
    }

    /** Forgets which queues were seen, as after a restart (for tests that reset W&B between passes). */
    synchronized void forget() {
        known.clear();
        lastFingerprint = null;
    }

    /** Reconciles if the spec files changed since the last pass (names, sizes, modification times). */
    public boolean reconcileIfFilesChanged() {
        Path directory = loader.defaultDirectory();
        if (SpecFiles.fingerprint(directory).equals(lastFingerprint)) {
            return false;
        }
        reconcileQuietly();
        return true;
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            // the next tick tries again; one failure (W&B down) must not end the job
            LOG.errorf(e, "queues: reconciliation failed: %s", e.getMessage());
        }
    }

    private void remember(ApplyResult result) {
        Set<QueueRef> failed = new LinkedHashSet<>();
        result.failures().forEach(failure -> failed.add(failure.queue()));
        for (QueueChange change : result.plan().changes()) {
            switch (change.action()) {
                case CREATE, UPDATE, UNCHANGED -> {
                    if (!failed.contains(change.queue())) {
                        known.add(change.queue());
                    }
                }
                default -> known.remove(change.queue());
            }
        }
    }

}
