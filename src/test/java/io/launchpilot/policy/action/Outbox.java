package io.launchpilot.policy.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.policy.Firing;
import io.launchpilot.policy.PlannedAction;
import io.launchpilot.policy.PolicyMode;
import io.launchpilot.store.ActionRecord;
import io.launchpilot.store.OutboxStore;
import io.launchpilot.testing.MutableClock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox as a test drives it: the application's store and handlers, with a clock the test moves
 * and jitter fixed at one half, executed by hand.
 */
final class Outbox {

    static final ObjectMapper JSON = new ObjectMapper();

    // the store keeps milliseconds
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    final OutboxStore store;
    final ActionOutbox outbox;
    final ActionExecutor executor;

    Outbox(OutboxStore store, List<ActionHandler> handlers, ActionsConfig config, ActionMetrics metrics) {
        this(store, handlers, config, metrics, "test-" + UUID.randomUUID());
    }

    Outbox(OutboxStore store, List<ActionHandler> handlers, ActionsConfig config, ActionMetrics metrics,
            String instanceId) {
        this.store = store;
        this.outbox = new ActionOutbox(store, clock, new ActionWakeUp());
        this.executor = new ActionExecutor(store, handlers, config, clock, instanceId, metrics, () -> 0.5,
                new ActionExecutor.CrashHook(Optional.empty()));
    }

    static ObjectNode params(String json) {
        try {
            return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static PlannedAction action(String type, String json) {
        return new PlannedAction(type, params(json));
    }

    /** Submits an enforce firing of a fresh key; returns the key. */
    String fire(String policy, PlannedAction... actions) {
        return fire(policy, PolicyMode.ENFORCE, actions);
    }

    String fire(String policy, PolicyMode mode, PlannedAction... actions) {
        String key = policy + "/" + UUID.randomUUID();
        if (outbox.submit(List.of(new Firing(key, policy, "event:run.state_changed", "lp-actions/vision/r", 1L, mode,
                clock.instant(), List.of(actions)))).isEmpty()) {
            throw new IllegalStateException("firing " + key + " was not recorded");
        }
        return key;
    }

    ActionRecord action(String key, int index) {
        return store.action(key + "#" + index).orElseThrow();
    }

    /** Submits one action, runs the outbox, and returns the action as it ended. */
    ActionRecord run(String type, String json) {
        String key = fire("p-" + type, action(type, json));
        executor.runDue();
        return action(key, 0);
    }
}
