package io.launchpilot.policy;

import com.cronutils.model.time.ExecutionTime;
import io.launchpilot.filter.RunFilter;
import io.launchpilot.spec.Position;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

/** What makes a policy look at something: an event of the ledger, a cron tick or an incoming webhook. */
public sealed interface Trigger {

    /** Stable text naming the trigger in firing keys and metrics, e.g. {@code event:run.state_changed}. */
    String id();

    /** {@code event}, {@code schedule} or {@code webhook}. */
    String kind();

    Position position();

    /** The roots of {@code ${...}} references this trigger can fill: {@code run}, {@code event}, ... */
    Set<String> provides();

    /**
     * An event of the ledger ({@code run.state_changed}, {@code sweep.state_changed}, ...).
     *
     * @param where a filter on the event's payload; state fields compare case-insensitively
     */
    record OnEvent(String type, Scope scope, RunFilter where, Position position) implements Trigger {

        @Override
        public String id() {
            return "event:" + type;
        }

        @Override
        public String kind() {
            return "event";
        }

        @Override
        public Set<String> provides() {
            if (type.startsWith("run.")) {
                return Set.of("event", "run");
            }
            if (type.startsWith("sweep.")) {
                return Set.of("event", "sweep", "run");
            }
            if (type.startsWith("queue.item_")) {
                return Set.of("event", "queueItem", "run");
            }
            return Set.of("event");
        }
    }

    /**
     * A cron schedule. With a {@code scope} and the policy's {@code when}, every matching run of the
     * scope is a subject; without, a tick fires once with no subject run.
     *
     * @param cron the Unix five-field expression as written
     * @param startingDeadline a tick later than this is skipped, or null for no deadline
     * @param scope the runs to look at, or null
     */
    record OnSchedule(String cron, ExecutionTime times, ZoneId timezone, Concurrency concurrency,
            Duration startingDeadline, Scope scope, Position position) implements Trigger {

        @Override
        public String id() {
            return "schedule:" + cron;
        }

        @Override
        public String kind() {
            return "schedule";
        }

        @Override
        public Set<String> provides() {
            return scope == null ? Set.of("schedule") : Set.of("schedule", "run");
        }

        /** Whether the cron has a tick at this instant (a whole minute), read in the trigger's time zone. */
        public boolean ticksAt(Instant at) {
            return times.isMatch(at.atZone(timezone));
        }
    }

    /**
     * An incoming webhook recorded in the ledger as {@code webhook.received}.
     *
     * @param source {@code wandb} or the name of a generic webhook
     * @param eventType e.g. {@code ADD_ARTIFACT_ALIAS}, or null for any
     */
    record OnWebhook(String source, String eventType, Scope scope, RunFilter where, Position position)
            implements Trigger {

        @Override
        public String id() {
            return "webhook:" + source + (eventType == null ? "" : "/" + eventType);
        }

        @Override
        public String kind() {
            return "webhook";
        }

        @Override
        public Set<String> provides() {
            return Set.of("event", "artifact", "run");
        }
    }

    /** What a cron tick does while the previous tick's firing is still being acted on. */
    enum Concurrency {
        /** Fire anyway. */
        ALLOW,
        /** Skip the tick while an action this trigger fired is still pending or running. */
        FORBID,
        /**
         * Fire, withdrawing the earlier firings' actions of this trigger that have not started (they
         * become {@code cancelled}) in the same transaction; a running action is left to finish.
         */
        REPLACE
    }
}
