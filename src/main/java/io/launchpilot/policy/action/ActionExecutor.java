package io.launchpilot.policy.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.store.ActionRecord;
import io.launchpilot.store.ActionState;
import io.launchpilot.store.Leadership;
import io.launchpilot.store.OutboxStore;
import io.launchpilot.wandb.WandbException;
import io.quarkus.arc.All;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.jboss.logging.Logger;

/**
 * Runs the outbox's due actions. For each: the intent (state {@code running}, one more attempt) is
 * committed before anything is sent, the outcome after. A crash in between leaves the action
 * {@code running}; the next executor (another process: its instance id differs) takes it up again and,
 * because an attempt had started, the handler looks for the effect before acting.
 *
 * <p>Actions of one look run on up to {@code concurrency} workers, in lanes: two actions that change the
 * same run or sweep, or belong to the same subject, never run at once (see {@link #lane}). Consecutive
 * changes of one run in a lane are applied together (see {@link #runTogether}).
 *
 * <p>Within a firing, actions run in order: the store hands out an action only when every earlier one of
 * its firing is done, so a failed one holds the rest of its firing and nothing else. A failure is
 * retried after an exponential backoff with jitter, up to {@code max-attempts}, then the action is
 * {@code dead}; a failure no retry can fix makes it {@code failed} at once.
 */
@ApplicationScoped
public class ActionExecutor {

    private static final Logger LOG = Logger.getLogger(ActionExecutor.class);
    /** Rounds of one {@link #runDue()}: actions that become due while it runs are taken in the same call. */
    private static final int MAX_ROUNDS = 1000;

    private final OutboxStore store;
    private final Map<ActionType, ActionHandler> handlers = new EnumMap<>(ActionType.class);
    private final ActionsConfig config;
    private final Clock clock;
    private final String instanceId;
    private final ActionMetrics metrics;
    private final DoubleSupplier jitter;
    private final CrashHook crash;
    /** Counts calls of {@link #runDue()}: an action left running by an earlier call is in doubt, like a crash's. */
    private final AtomicLong passes = new AtomicLong();
    /** Where the lanes of a look run side by side; none when {@code concurrency} is 1. */
    private final ExecutorService workers;

    @Inject
    ActionExecutor(OutboxStore store, @All List<ActionHandler> handlers, ActionsConfig config, Clock clock,
            Leadership leadership, ActionMetrics metrics) {
        this(store, handlers, config, clock, leadership.instanceId(), metrics,
                () -> ThreadLocalRandom.current().nextDouble(), new CrashHook(config.crashAt()));
    }

    ActionExecutor(OutboxStore store, List<ActionHandler> handlers, ActionsConfig config, Clock clock,
            String instanceId, ActionMetrics metrics, DoubleSupplier jitter, CrashHook crash) {
        this.store = store;
        handlers.forEach(handler -> this.handlers.put(handler.type(), handler));
        this.config = config;
        this.clock = clock;
        this.instanceId = instanceId;
        this.metrics = metrics;
        this.jitter = jitter;
        this.crash = crash;
        this.workers = config.concurrency() > 1 ? Executors.newFixedThreadPool(config.concurrency(), runnable -> {
            Thread worker = new Thread(runnable, "action-worker");
            worker.setDaemon(true);
            return worker;
        }) : null;
    }

    @PreDestroy
    void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /**
     * Runs every action that is due now, including those that become due because the one before them
     * in their firing is done. Each action's failure is recorded on it; none stops the others.
     *
     * @return how many attempts were made
     */
    public synchronized int runDue() {
        String claimant = instanceId + "/" + passes.incrementAndGet();
        int attempts = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int made = runAll(store.due(clock.instant(), claimant, config.batchSize()), claimant);
            attempts += made;
            if (made == 0) {
                break;
            }
        }
        crash.haltIfAbandoned();
        metrics.depth(store.depth());
        return attempts;
    }

    /** Runs one look's actions, lane by lane (see {@link #lane}); lanes at the same time when there are workers. */
    private int runAll(List<ActionRecord> due, String claimant) {
        Collection<List<ActionRecord>> lanes = lanes(due);
        if (workers == null || lanes.size() < 2) {
            return runLane(due, claimant);
        }
        List<Future<Integer>> running = lanes.stream()
                .map(lane -> workers.submit(() -> runLane(lane, claimant))).toList();
        int made = 0;
        RuntimeException failure = null;
        for (Future<Integer> lane : running) {
            try {
                made += lane.get();
            } catch (ExecutionException e) {
                // the store failed under one lane: the others finish, then the pass fails as it would alone
                failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while actions ran", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return made;
    }

    /** A lane's actions in order; consecutive changes of one run go together (see {@link #runTogether}). */
    private int runLane(List<ActionRecord> lane, String claimant) {
        int made = 0;
        for (int next = 0; next < lane.size();) {
            Map<ActionRecord, RunChange> together = runChangesFrom(lane, next);
            if (together.size() > 1) {
                made += runTogether(together, claimant);
                next += together.size();
            } else {
                made += run(lane.get(next), claimant) ? 1 : 0;
                next++;
            }
        }
        return made;
    }

    /**
     * The actions from {@code from} on that change the same run as the one there, each with its change (see
     * {@link RunChange}), in order; an action whose parameters are wrong ends them (alone, its attempt fails
     * with the reason).
     */
    private Map<ActionRecord, RunChange> runChangesFrom(List<ActionRecord> lane, int from) {
        Map<ActionRecord, RunChange> together = new LinkedHashMap<>();
        for (ActionRecord action : lane.subList(from, lane.size())) {
            if (!(handler(action) instanceof RunChangeAction handler)) {
                break;
            }
            RunChange change;
            try {
                change = handler.change(action);
            } catch (RuntimeException e) {
                break;
            }
            if (!together.isEmpty() && !together.values().iterator().next().run().equals(change.run())) {
                break;
            }
            together.put(action, change);
        }
        return together;
    }

    /**
     * Changes of one run (several policies tagging a finished run): the intents of all in one commit, one
     * read and at most one write to W&B, the results in one commit. If W&B refuses the write, one of the
     * changes may be why: each is then tried alone in this same attempt, so that it fails alone.
     */
    private int runTogether(Map<ActionRecord, RunChange> together, String claimant) {
        List<ActionRecord> started = new ArrayList<>();
        for (ActionRecord action : store.start(List.copyOf(together.keySet()), claimant, clock.instant())) {
            if (!crash.abandons(ActionsConfig.CrashPoint.BEFORE_EFFECT, resumed(action))) {
                started.add(action);
            }
        }
        if (started.isEmpty()) {
            return 0;
        }
        List<ObjectNode> results;
        try {
            results = ((RunChangeAction) handler(started.get(0))).apply(started.stream().map(together::get).toList());
        } catch (RuntimeException e) {
            if (!permanent(e)) {
                started.forEach(action -> fail(action, action.attempts() + 1, e));
            } else {
                started.forEach(this::attempt);
            }
            return started.size();
        }
        Map<String, JsonNode> done = new LinkedHashMap<>();
        for (int i = 0; i < started.size(); i++) {
            if (!crash.abandons(ActionsConfig.CrashPoint.AFTER_EFFECT, resumed(started.get(i)))) {
                done.put(started.get(i).id(), results.get(i));
            }
        }
        Instant now = clock.instant();
        store.finish(done, now);
        started.stream().filter(action -> done.containsKey(action.id())).forEach(action -> finished(action, now));
        return started.size();
    }

    /** Due actions grouped by {@link #lane}, in the order they were due. */
    static Collection<List<ActionRecord>> lanes(List<ActionRecord> due) {
        Map<String, List<ActionRecord>> lanes = new LinkedHashMap<>();
        due.forEach(action -> lanes.computeIfAbsent(lane(action), key -> new ArrayList<>()).add(action));
        return lanes.values();
    }

    /**
     * What an action works on, as far as two actions must not run at once: the run it tags or updates (W&B
     * replaces a run's whole tag list, so two read-then-write tag changes at once lose one), the sweep it
     * steers, every queue spec together (applying plans against W&B first), else its firing's subject.
     */
    static String lane(ActionRecord action) {
        JsonNode params = action.params();
        if (params != null && params.path("run").isTextual()) {
            return "run:" + params.path("run").asText();
        }
        if (params != null && params.path("sweep").isTextual()) {
            return "sweep:" + params.path("sweep").asText();
        }
        if (ActionType.of(action.type()).filter(type -> type == ActionType.APPLY_QUEUE).isPresent()) {
            return "applyQueue";
        }
        return "subject:" + action.subject();
    }

    /** One attempt at one action; false when another executor moved it first. */
    private boolean run(ActionRecord action, String claimant) {
        if (store.start(List.of(action), claimant, clock.instant()).isEmpty()) {
            return false;
        }
        attempt(action);
        return true;
    }

    /** An attempt at a started action: its effect, then its outcome recorded. */
    private void attempt(ActionRecord action) {
        boolean resumed = resumed(action);
        try {
            ActionHandler handler = handler(action);
            if (handler == null) {
                throw ActionFailure.permanent("no handler for action type " + action.type());
            }
            if (crash.abandons(ActionsConfig.CrashPoint.BEFORE_EFFECT, resumed)) {
                return;
            }
            ObjectNode result = handler.execute(action, resumed);
            if (crash.abandons(ActionsConfig.CrashPoint.AFTER_EFFECT, resumed)) {
                return;
            }
            Instant now = clock.instant();
            store.finish(Map.of(action.id(), result), now);
            finished(action, now);
        } catch (RuntimeException e) {
            fail(action, action.attempts() + 1, e);
        }
    }

    private ActionHandler handler(ActionRecord action) {
        return ActionType.of(action.type()).map(handlers::get).orElse(null);
    }

    /** Whether an attempt started before (a crash, a timeout, a retry by hand): its effect may exist. */
    private static boolean resumed(ActionRecord action) {
        return action.firstAttemptAt() != null;
    }

    private void finished(ActionRecord action, Instant now) {
        metrics.outcome(action.type(), "done");
        metrics.latency(action.type(), Duration.between(action.firedAt(), now));
        LOG.debugf("action %s (%s) done", action.id(), action.type());
    }

    private void fail(ActionRecord action, int attempt, RuntimeException e) {
        Instant now = clock.instant();
        String error = message(e);
        if (permanent(e)) {
            store.giveUp(action.id(), ActionState.FAILED, error, now);
            metrics.outcome(action.type(), "failed");
            LOG.warnf("action %s (%s) of policy %s failed: %s", action.id(), action.type(), action.policy(), error);
        } else if (attempt >= config.maxAttempts()) {
            store.giveUp(action.id(), ActionState.DEAD, error, now);
            metrics.outcome(action.type(), "dead");
            LOG.warnf("action %s (%s) of policy %s is dead after %d attempts: %s", action.id(), action.type(),
                    action.policy(), attempt, error);
        } else {
            Duration wait = backoff(attempt);
            store.postpone(action.id(), error, now.plus(wait), now);
            metrics.outcome(action.type(), "retry");
            LOG.infof("action %s (%s) attempt %d failed, next in %s: %s", action.id(), action.type(), attempt,
                    wait, error);
        }
    }

    /**
     * The wait after attempt {@code attempt} failed: {@code min-backoff} doubled per further attempt,
     * capped at {@code max-backoff}, of which a random half is taken off so retries spread out.
     */
    Duration backoff(int attempt) {
        long min = config.minBackoff().toMillis();
        long max = Math.max(min, config.maxBackoff().toMillis());
        long full = min << Math.min(attempt - 1, 30);
        long capped = full <= 0 || full > max ? max : full;
        long jittered = capped / 2 + Math.round(capped / 2.0 * jitter.getAsDouble());
        return Duration.ofMillis(Math.max(1, jittered));
    }

    /**
     * Failures no retry can fix: the handler says so, W&B refused the request itself (a GraphQL error
     * such as validation or not found, or a 4xx other than 408 and 429), or the arguments are wrong.
     * Everything else (5xx, 429, timeouts, the store) is retried.
     */
    static boolean permanent(RuntimeException e) {
        if (e instanceof ActionFailure failure) {
            return failure.permanent();
        }
        if (e instanceof WandbException wandb) {
            return switch (wandb.kind()) {
                case GRAPHQL_ERRORS -> true;
                case HTTP_STATUS -> wandb.status() >= 400 && wandb.status() < 500 && wandb.status() != 408
                        && wandb.status() != 429;
                default -> false;
            };
        }
        return e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof NoSuchElementException;
    }

    private static String message(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /**
     * The crash test's hook ({@link ActionsConfig#crashAt()}): at the configured point, every action of
     * the pass that no earlier attempt started is left exactly as a crash there would leave it (nothing
     * more written), and at the end of the pass the JVM halts. One kill so covers every action in the
     * outbox; a process restarted with the same setting finishes the abandoned ones (they are resumed,
     * not fresh) and abandons the next.
     */
    static final class CrashHook {

        private final ActionsConfig.CrashPoint point;
        private final AtomicInteger abandoned = new AtomicInteger();

        CrashHook(Optional<ActionsConfig.CrashPoint> point) {
            this.point = point.orElse(null);
        }

        boolean abandons(ActionsConfig.CrashPoint here, boolean resumed) {
            if (here != point || resumed) {
                return false;
            }
            abandoned.incrementAndGet();
            return true;
        }

        void haltIfAbandoned() {
            if (abandoned.get() > 0) {
                LOG.errorf("launchpilot.actions.crash-at=%s: %d actions left at that point; halting (test hook)",
                        point, abandoned);
                Runtime.getRuntime().halt(137);
            }
        }
    }
}
