package io.launchpilot.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * A firing as the outbox recorded it, with its actions in order.
 *
 * @param mode {@code enforce} or {@code audit}
 * @param eventId the ledger event behind it, null for a cron tick
 */
@RegisterForReflection
public record FiringRecord(String key, String policy, String trigger, String subject, Long eventId, String mode,
        Instant firedAt, List<ActionRecord> actions) {

    public FiringRecord {
        actions = List.copyOf(actions);
    }
}
