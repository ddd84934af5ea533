package io.launchpilot.queue;

import io.launchpilot.wandb.Priority;
import io.launchpilot.wandb.QueueRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run to put on a queue: exactly one of {@code job} (a W&B job artifact, e.g.
 * {@code acme/vision/train:latest}) and {@code image} (a container image); values for the queue's
 * template variables, as text (command line) or JSON values; an optional priority (V0 queues only),
 * run config ({@code overrides.run_config}) and project of the run.
 */
public record EnqueueRequest(QueueRef queue, String job, String image, Map<String, Object> variables,
        Priority priority, Map<String, Object> runConfig, String project) {

    public EnqueueRequest {
        if (queue == null) {
            throw new IllegalArgumentException("an enqueue request needs a queue");
        }
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        runConfig = runConfig == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(runConfig));
    }
}
