package io.launchpilot.policy;

import io.launchpilot.wandb.Sweep;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metric a sweep optimises ({@code metric: {name, goal}} in its configuration), which decides its
 * best run; a sweep without one has no best run.
 */
record SweepMetric(String name, boolean maximize) {

    static Optional<SweepMetric> of(Sweep sweep) {
        if (sweep.config().get("metric") instanceof Map<?, ?> metric && metric.get("name") instanceof String name
                && !name.isBlank()) {
            return Optional.of(new SweepMetric(name, "maximize".equals(metric.get("goal"))));
        }
        return Optional.empty();
    }

    /** The runs of the sweep that logged the metric. */
    Map<String, Object> filter(Sweep sweep) {
        return Map.of("$and", List.of(Map.of("sweep", sweep.ref().name()),
                Map.of("summary_metrics." + name, Map.of("$exists", true))));
    }

    /** Best first. */
    String order() {
        return (maximize ? "-" : "+") + "summary_metrics." + name;
    }
}
