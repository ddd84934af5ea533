package io.launchpilot.store;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Locale;

/**
 * Where an action of the outbox stands. Written in lower case in the store and in the API.
 *
 * <ul>
 * <li>{@code pending}: waiting for its turn (its next attempt time, and the previous action of its firing done)
 * <li>{@code running}: an attempt started and its outcome is not recorded yet; after a crash the next executor
 * checks whether the effect exists before it sends again
 * <li>{@code done}: the effect exists; terminal
 * <li>{@code failed}: refused in a way a retry cannot fix (validation, not found); holds the rest of its firing
 * until retried by hand
 * <li>{@code dead}: still failing after the maximum number of attempts; holds the rest of its firing until
 * retried by hand
 * <li>{@code audit}: recorded for a firing in audit mode, never executed; terminal
 * <li>{@code cancelled}: withdrawn before it started, because a later tick of a cron trigger with
 * {@code concurrency: Replace} replaced its firing (the result names the replacing firing); terminal
 * </ul>
 */
@RegisterForReflection
public enum ActionState {
    PENDING, RUNNING, DONE, FAILED, DEAD, AUDIT, CANCELLED;

    /** The state's name in the store and the API, e.g. {@code pending}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The state named {@code wire}, in any case.
     *
     * @throws IllegalArgumentException if there is no such state
     */
    public static ActionState of(String wire) {
        for (ActionState state : values()) {
            if (state.wire().equalsIgnoreCase(wire == null ? "" : wire.strip())) {
                return state;
            }
        }
        throw new IllegalArgumentException("state must be one of pending, running, done, failed, dead, audit, "
                + "cancelled, got " + wire);
    }

    /** Whether a person may send the action back to {@code pending}. */
    public boolean retryable() {
        return this == FAILED || this == DEAD;
    }
}
