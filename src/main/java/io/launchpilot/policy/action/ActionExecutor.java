package io.launchpilot.policy.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.store.ActionRecord;
import io.launchpilot.store.ActionState;
import io.launchpilot.store.Leadership;
import io.launchpilot.store.OutboxStore;
import io.launchpilot.wandb.WandbException;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.jboss.logging.Logger;

/**
 * Runs the outbox's due actions. For each: the intent (state {@code running}, one more attempt) is
 * committed before anything is sent, the outcome after. A crash in between leaves the action
 * {@code running}; the next executor (another process: its instance id differs) takes it up again and,
 * because an attempt had started, the handler looks for the effect before acting.
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
            List<ActionRecord> due = store.due(clock.instant(), claimant, config.batchSize());
            int made = 0;
            for (ActionRecord action : due) {
                if (run(action, claimant)) {
                    made++;
                }
            }
            attempts += made;
            if (made == 0) {
                break;
            }
        }
        metrics.depth(store.depth());
        return attempts;
    }

    /** One attempt at one action; false when another executor moved it first. */
    private boolean run(ActionRecord action, String claimant) {
        // an attempt started before (a crash, a timeout, a retry by hand): its effect may exist
        boolean resumed = action.firstAttemptAt() != null;
        if (!store.start(action, claimant, clock.instant())) {
            return false;
        }
        int attempt = action.attempts() + 1;
        ActionType type = ActionType.of(action.type()).orElse(null);
        try {
            ActionHandler handler = type == null ? null : handlers.get(type);
            if (handler == null) {
                throw ActionFailure.permanent("no handler for action type " + action.type());
            }
            crash.at(ActionsConfig.CrashPoint.BEFORE_EFFECT);
            ObjectNode result = handler.execute(action, resumed);
            crash.at(ActionsConfig.CrashPoint.AFTER_EFFECT);
            Instant now = clock.instant();
            store.finish(action.id(), result, now);
            metrics.outcome(action.type(), "done");
            metrics.latency(action.type(), Duration.between(action.firedAt(), now));
            LOG.debugf("action %s (%s) done: %s", action.id(), action.type(), result);
        } catch (RuntimeException e) {
            fail(action, attempt, e);
        }
        return true;
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

    /** Halts the JVM at the configured point of the first action; see {@link ActionsConfig#crashAt()}. */
    static final class CrashHook {

        private final ActionsConfig.CrashPoint point;

        CrashHook(java.util.Optional<ActionsConfig.CrashPoint> point) {
            this.point = point.orElse(null);
        }

        void at(ActionsConfig.CrashPoint here) {
            if (here == point) {
                LOG.errorf("launchpilot.actions.crash-at=%s: halting the process (test hook)", here);
                Runtime.getRuntime().halt(137);
            }
        }
    }
}
