package io.launchpilot.policy;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the engine hands its decisions: the durable action outbox (implemented in
 * {@code policy.action}). The engine reads its limits (cooldown, maxPerHour) back from here, so they
 * hold across restarts and replicas.
 */
public interface Firings {

    /**
     * Records the firing and all its actions in one transaction.
     *
     * @return false, writing nothing, when a firing with this key was recorded before
     */
    boolean submit(Firing firing);

    /** How many firings of the policy were recorded at or after {@code since}. */
    int countSince(String policy, Instant since);

    /** When the policy last fired, if ever. */
    Optional<Instant> lastFiredAt(String policy);
}
