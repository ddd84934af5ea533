package io.launchpilot.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Leader election between replicas ({@code launchpilot.leader.*}): only the leader runs watchers,
 * cron triggers, queue reconciliation and the action outbox; every replica serves REST, MCP and
 * webhooks.
 */
@ConfigMapping(prefix = "launchpilot.leader")
public interface LeaderConfig {

    /**
     * How the leader is chosen: {@code auto} (a Kubernetes Lease in a pod, else a PostgreSQL advisory
     * lock with a PostgreSQL store, else this single process), {@code kubernetes}, {@code postgresql}
     * or {@code single} (always the leader: only for one process). Default auto.
     */
    @WithDefault("auto")
    LeaderMode mode();

    /**
     * This replica's name among the others, the Lease's holder identity. Default: {@code POD_NAME}, else
     * in a pod {@code HOSTNAME} (the pod's name), else the host name with a random suffix.
     */
    Optional<String> instanceId();

    /** Name of the Lease, and of the PostgreSQL advisory lock (hashed to its key). Default launchpilot-leader. */
    @WithDefault("launchpilot-leader")
    String leaseName();

    /** Namespace of the Lease. Default: the pod's own namespace. */
    Optional<String> leaseNamespace();

    /** How long a Lease holds without renewal before another replica may take it. Default 15s. */
    @WithDefault("15s")
    Duration leaseDuration();

    /**
     * How long the leader keeps trying to renew before it stops acting; shorter than the lease
     * duration, so that it stops before anyone else can start. Default 10s.
     */
    @WithDefault("10s")
    Duration renewDeadline();

    /**
     * How often a follower tries to become the leader, and how often the leader renews its Lease or
     * checks that its PostgreSQL lock connection is alive. Default 2s.
     */
    @WithDefault("2s")
    Duration retryPeriod();
}
