package io.launchpilot.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Whether this process is the one replica that acts: runs watchers, cron triggers, queue
 * reconciliation and the action outbox. Every replica serves REST, MCP and webhooks.
 *
 * <p>With the embedded H2 store only one process can use the store, so it is always the leader.
 */
@ApplicationScoped
public class Leadership {

    private final String instanceId = UUID.randomUUID().toString();

    /** True while this process holds leadership; jobs check it at the start of every run. */
    public boolean isLeader() {
        return true;
    }

    /** A name for this process, unique among replicas, shown in status and logs. */
    public String instanceId() {
        return instanceId;
    }
}
