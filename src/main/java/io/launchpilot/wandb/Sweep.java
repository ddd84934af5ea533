package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
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
}
