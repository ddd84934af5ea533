package io.launchpilot.queue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Deployment settings of queues as code ({@code launchpilot.queues.*}). The queue specs themselves
 * are user files under {@code <launchpilot.config-dir>/queues/}, read by {@link QueueSpecLoader}.
 * {@code launchpilot.config-dir} is shared with other features and read on its own: a mapping rooted
 * at {@code launchpilot} would claim every {@code launchpilot.*} key and refuse those it does not
 * know, such as {@code launchpilot.run-mode}.
 */
@ConfigMapping(prefix = "launchpilot.queues")
public interface QueuesConfig {

    /** The key of the configuration directory, default {@value #DEFAULT_CONFIG_DIR}. */
    String CONFIG_DIR = "launchpilot.config-dir";
    String DEFAULT_CONFIG_DIR = "config";

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
