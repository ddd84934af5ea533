package io.launchpilot.policy.action;

import io.launchpilot.store.ActionPage;
import io.launchpilot.store.ActionRecord;
import io.launchpilot.store.ActionState;
import io.launchpilot.store.OutboxStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** What people see of the outbox and may do with it: list, look at, and retry actions. */
@ApplicationScoped
public class ActionService {

    /** The largest page of actions. */
    public static final int MAX_LIMIT = 1000;

    private final OutboxStore store;
    private final Clock clock;
    private final ActionWakeUp wakeUp;

    ActionService(OutboxStore store, Clock clock, ActionWakeUp wakeUp) {
        this.store = store;
        this.clock = clock;
        this.wakeUp = wakeUp;
    }

    /**
     * A page of actions, newest first.
     *
     * @param state a state's name, or null for all
     * @param policy a policy's name, or null for all
     * @param cursor the {@code next} of the previous page, or null for the first
     * @throws IllegalArgumentException for an unknown state, a malformed cursor or a limit out of 1 to {@value #MAX_LIMIT}
     */
    public ActionPage list(String state, String policy, String cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
        ActionState wanted = state == null || state.isBlank() ? null : ActionState.of(state);
        Long before = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Long.parseLong(cursor.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cursor is not an action cursor: " + cursor);
            }
        }
        return store.actions(wanted, policy == null || policy.isBlank() ? null : policy, before, limit);
    }

    /** @throws ActionNotFoundException if there is no such action */
    public ActionRecord get(String id) {
        return store.action(id).orElseThrow(() -> new ActionNotFoundException(id));
    }

    /**
     * Sends a {@code failed} or {@code dead} action back to {@code pending}, due now, with its attempts
     * from 0; the rest of its firing follows once it is done. Before sending again the executor looks for
     * the effect of the earlier attempts, as after a crash.
     *
     * @throws ActionNotFoundException if there is no such action
     * @throws ActionNotRetryableException if it is in another state
     */
    public ActionRecord retry(String id) {
        if (!store.retry(id, clock.instant())) {
            throw new ActionNotRetryableException(id, get(id).state());
        }
        wakeUp.signal();
        return get(id);
    }
}
