package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * A launch spec pushed onto a queue. {@code runSpec} is the spec as the server stored it, which may
 * carry {@code resource} and {@code resource_args} filled in from the queue's defaults.
 */
@RegisterForReflection
public record QueuedRun(String itemId, QueueRef queue, Map<String, Object> runSpec) {

    public QueuedRun {
        runSpec = Values.map(runSpec);
    }
}
