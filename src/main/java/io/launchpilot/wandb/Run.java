package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run. {@code id} is W&B's GraphQL (storage) id, which mutations need; {@code ref.name()} is the
 * short run id users see. {@code config} holds the user's values, unwrapped from W&B's
 * {@code {"value": ...}} form; W&B's own entries ({@code _wandb}, {@code wandb_version}) are kept apart
 * in {@code internalConfig}, as the SDK does. {@code sweep} is the sweep's name, or null.
 */
@RegisterForReflection
public record Run(String id, RunRef ref, String displayName, String state, Map<String, Object> config,
        Map<String, Object> internalConfig, Map<String, Object> summary, List<String> tags, String group,
        String jobType, String sweep, Instant createdAt, Instant heartbeatAt, String description,
        String notes, String username, String projectId) {

    public Run {
        config = Values.map(config);
        internalConfig = Values.map(internalConfig);
        summary = Values.map(summary);
        tags = Values.list(tags);
    }
}
