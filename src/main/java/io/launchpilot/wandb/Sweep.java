package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep. {@code config} is the sweep configuration parsed from the YAML text W&B stores;
 * {@code state} is W&B's text ({@code PENDING}, {@code RUNNING}, {@code PAUSED}, {@code FINISHED},
 * {@code CANCELED}, {@code CRASHED}, ...); {@code runCountExpected} is null when unbounded.
 */
@RegisterForReflection
public record Sweep(String id, SweepRef ref, String displayName, String method, String state,
        String description, Double bestLoss, Map<String, Object> config, Instant createdAt,
        Instant updatedAt, int runCount, Integer runCountExpected) {

    public Sweep {
        config = Values.map(config);
    }

    /** The configuration's {@code metric.name}, or null when it has none. */
    public String metricName() {
        return config.get("metric") instanceof Map<?, ?> metric && metric.get("name") instanceof String name
                && !name.isBlank() ? name : null;
    }

    /** The configuration's {@code metric.goal}: {@code maximize}, else {@code minimize} (W&B's default). */
    public String metricGoal() {
        return config.get("metric") instanceof Map<?, ?> metric
                && "maximize".equals(String.valueOf(metric.get("goal")).toLowerCase(Locale.ROOT))
                ? "maximize" : "minimize";
    }
}
