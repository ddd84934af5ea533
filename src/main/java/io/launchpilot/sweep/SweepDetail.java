package io.launchpilot.sweep;

import io.launchpilot.wandb.Sweep;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * A sweep with the run that is best by its configured metric ({@code metric.name}, {@code metric.goal}); {@code best}
 * is null when the sweep names no metric or no run has reported it yet.
 */
@RegisterForReflection
public record SweepDetail(Sweep sweep, String metric, String goal, BestRun best) {

    /** The best run: its short id, display name, state, metric value and config (the hyperparameters tried). */
    @RegisterForReflection
    public record BestRun(String run, String displayName, String state, Object value, Map<String, Object> config) {
    }
}
