package io.launchpilot.queue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Deployment settings of queues as code. The queue specs themselves are user files under
 * {@code <config-dir>/queues/}, read by {@link QueueSpecLoader}.
 */
@ConfigMapping(prefix = "launchpilot")
public interface QueuesConfig {

    /**
     * Directory of the user's configuration: queue specs in {@code queues/}, policies in
     * {@code policies/}. Relative paths start from the working directory. Default {@code config}.
     */
    @WithName("config-dir")
    @WithDefault("config")
    String configDir();

    /** Queues as code. */
    Queues queues();

    /** {@code launchpilot.queues.*}. */
    interface Queues {

        /**
         * How often {@code serve} re-plans the queue specs and applies the plan, putting back changes
         * made by hand in W&B: a duration such as {@code 5m}, {@code 30s} or {@code 1h}, or {@code off}
         * (also {@code false}: unquoted {@code off} in YAML reads as false) to switch continuous
         * reconciliation off. One-shot commands never reconcile. Default {@code 5m}.
         */
        @WithDefault("5m")
        String reconcileEvery();

        /**
         * Whether continuous reconciliation deletes the queues Launchpilot manages (see
         * {@link ManagedMarker}) that no spec names any more. Default {@code false}: it only reports them.
         */
        @WithDefault("false")
        boolean prune();

        /**
         * How often {@code serve} looks for changed files under {@code <config-dir>/queues/}, to
         * reconcile as soon as a spec changes rather than at the next {@link #reconcileEvery()}; only
         * file names, sizes and modification times are read. {@code off} turns it off. Default {@code 2s}.
         */
        @WithDefault("2s")
        String watchInterval();
    }
}
