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
     * Records the firings and all their actions in one transaction.
     *
     * @return the keys of the firings recorded; one whose key was recorded before is left out, and
     *         nothing is written for it
     */
    List<String> submit(List<Firing> firings);

    /**
     * What a cron trigger with {@code concurrency: Replace} does instead of {@link #submit}: withdraws the
     * actions of the earlier firings of the same policy and trigger that have not started (they become
     * {@code cancelled}, naming this firing's key), leaves running ones to finish, and records this
     * firing, all in one transaction.
     *
     * @return false, changing nothing, when a firing with this key was recorded before
     */
    boolean replace(Firing firing);

    /** How many firings of the policy were recorded at or after {@code since}. */
    int countSince(String policy, Instant since);

    /** When the policy last fired, if ever. */
    Optional<Instant> lastFiredAt(String policy);

    /** The newest {@code limit} firings of the policy, newest first, each with its actions and their states. */
    List<FiringRecord> recent(String policy, int limit);

    /**
     * Whether an action that the policy's {@code trigger} (a {@link Trigger#id()}) fired is still pending
     * or running: what a cron trigger with {@code concurrency: Forbid} checks before it fires again.
     */
    boolean hasUnfinishedActions(String policy, String trigger);
}
