package io.launchpilot.policy;

/**
 * Where a firing's actions stand, for the {@code concurrency} of cron triggers; implemented by the
 * action outbox. Without an implementation every earlier firing counts as finished.
 */
public interface FiringProgress {

    /** Whether every action of the firing is done, failed for good or given up. */
    boolean finished(String firingKey);

    /** Gives up the firing's actions that have not started, for {@code concurrency: Replace}. */
    void supersede(String firingKey);
}
