package io.launchpilot.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * One action of the outbox, with what the store knows of its firing.
 *
 * @param id {@code <firingKey>#<index>}
 * @param index its place in the firing, from 0
 * @param type the action's kind, e.g. {@code enqueue}
 * @param params the resolved parameters, a JSON object
 * @param attempts how many attempts started since it was recorded (or retried by hand)
 * @param nextAttemptAt when a pending action may run, null otherwise
 * @param firstAttemptAt when its first attempt ever started; null if it never ran, so no effect can exist
 * @param lastError why the last attempt failed, null if it did not
 * @param result what the effect was (e.g. the queued item), null until done
 */
@RegisterForReflection
public record ActionRecord(String id, String firingKey, int index, String policy, String trigger, String subject,
        Long eventId, String type, JsonNode params, ActionState state, int attempts, Instant nextAttemptAt,
        Instant firstAttemptAt, String lastError, JsonNode result, Instant firedAt, Instant createdAt,
        Instant updatedAt) {
}
