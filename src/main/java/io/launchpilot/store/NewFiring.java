package io.launchpilot.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A firing about to be written to the outbox, with its actions in order; the outbox numbers them and
 * gives each the id {@code <key>#<index>}.
 *
 * @param mode {@code enforce} or {@code audit}
 */
public record NewFiring(String key, String policy, String trigger, String subject, Long eventId, String mode,
        Instant firedAt, List<Action> actions) {

    /** The longest firing key the outbox takes. */
    public static final int MAX_KEY_LENGTH = 500;

    public NewFiring {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(firedAt, "firedAt");
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a firing key has 1 to " + MAX_KEY_LENGTH + " characters, got "
                    + key.length());
        }
        actions = List.copyOf(actions);
    }

    /**
     * @param state the state it starts in: {@code pending}, or {@code audit} for an audit firing
     * @param nextAttemptAt when a pending action may first run; null for one that never runs
     */
    public record Action(String type, JsonNode params, ActionState state, Instant nextAttemptAt) {

        public Action {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(params, "params");
            Objects.requireNonNull(state, "state");
        }
    }
}
