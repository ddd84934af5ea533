package io.launchpilot.policy;

import io.launchpilot.store.FiringRecord;
import java.time.Instant;
import java.util.List;
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

    /** The newest {@code limit} firings of the policy, newest first, each with its actions and their states. */
    List<FiringRecord> recent(String policy, int limit);

    /**
     * Whether an action of the policy is still pending or running: what a cron trigger with
     * {@code concurrency: Forbid} checks before it fires again.
     */
    boolean hasUnfinishedActions(String policy);
}
