package io.launchpilot.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A policy's decision to act once on one subject: what the engine hands to the outbox.
 *
 * @param key unique per policy + trigger + subject + event (or cron tick, or webhook delivery);
 *            the outbox writes a firing with a key it has seen before no second time
 * @param policy the policy's {@code metadata.name}
 * @param trigger which trigger fired, e.g. {@code event:run.state_changed}, {@code schedule:0 2 * * *}
 * @param subject what the firing is about, e.g. a run path {@code acme/vision/a1b2c3d4}
 * @param eventId the ledger event behind it, or null for a cron tick
 * @param mode audit firings are recorded with their actions but never executed
 * @param firedAt when the engine decided
 * @param actions in the policy's order
 */
public record Firing(String key, String policy, String trigger, String subject, Long eventId, PolicyMode mode,
        Instant firedAt, List<PlannedAction> actions) {

    public Firing {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(firedAt, "firedAt");
        actions = List.copyOf(actions);
    }
}
