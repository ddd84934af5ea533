package io.launchpilot.sandbox;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A W&B sweep. {@code config} is the YAML text W&B stores and returns; {@code parsedConfig} the
 * same as a map. State is upper case as W&B spells it (PENDING, RUNNING, PAUSED, ...).
 */
public record Sweep(long id, ProjectRef project, String name, String displayName, String config,
                    Map<String, Object> parsedConfig, String state, String description, Instant createdAt,
                    Instant updatedAt, boolean simulated) {

    public Sweep {
        parsedConfig = Json.frozen(parsedConfig);
    }

    public String method() {
        return String.valueOf(parsedConfig.getOrDefault("method", ""));
    }

    /** The metric the sweep optimizes, from {@code metric.name} in its config. */
    public Optional<String> metricName() {
        return metric().map(m -> m.get("name")).map(String::valueOf);
    }

    /** Whether larger values of the metric are better ({@code metric.goal: maximize}). */
    public boolean maximizes() {
        return metric().map(m -> "maximize".equals(m.get("goal"))).orElse(false);
    }

    /** The document sweeps are filtered by, in the same language as runs. */
    public Map<String, Object> document() {
        Map<String, Object> doc = new HashMap<>();
        doc.put("name", name);
        doc.put("displayName", displayName);
        doc.put("state", state);
        doc.put("method", method());
        doc.put("createdAt", createdAt);
        return doc;
    }

    private Optional<Map<?, ?>> metric() {
        return parsedConfig.get("metric") instanceof Map<?, ?> m ? Optional.of(m) : Optional.empty();
    }
}
