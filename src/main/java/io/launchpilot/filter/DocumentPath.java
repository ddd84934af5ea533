package io.launchpilot.filter;

import java.util.List;
import java.util.Map;

/**
 * Resolves a W&B filter or order key ({@code state}, {@code display_name}, {@code config.lr},
 * {@code config.lr.value}, {@code summary_metrics.loss.min}, ...) against a run document.
 */
final class DocumentPath {

    /** Marks a key that the document does not have (as opposed to a value). */
    static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<missing>";
        }
    };

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("display_name", "displayName"),
            Map.entry("created_at", "createdAt"),
            Map.entry("heartbeat_at", "heartbeatAt"),
            Map.entry("job_type", "jobType"),
            Map.entry("sweepName", "sweep"),
            Map.entry("sweep_name", "sweep"),
            Map.entry("user", "username"),
            Map.entry("summaryMetrics", "summary_metrics"));

    private DocumentPath() {
    }

    /** The value under {@code key}, or {@link #MISSING}. */
    static Object resolve(Map<String, Object> document, String key) {
        if (key.isEmpty()) {
            throw new FilterException("empty filter key");
        }
        String[] parts = key.split("\\.", -1);
        String head = ALIASES.getOrDefault(parts[0], parts[0]);
        List<String> rest = List.of(parts).subList(1, parts.length);
        if (head.equals("config") && !rest.isEmpty()) {
            return resolveConfig(document.get("config"), rest);
        }
        Object value = present(document.get(head));
        return value == MISSING ? MISSING : descend(value, rest);
    }

    /**
     * W&B stores each config key as {@code {"value": v, "desc": ...}}: {@code config.lr} and
     * {@code config.lr.value} both mean {@code v}, and deeper segments walk into {@code v}.
     */
    private static Object resolveConfig(Object config, List<String> path) {
        if (!(config instanceof Map<?, ?> map)) {
            return MISSING;
        }
        for (int end = path.size(); end >= 1; end--) {
            String key = String.join(".", path.subList(0, end));
            if (map.containsKey(key)) {
                Object entry = present(map.get(key));
                if (entry == MISSING) {
                    return MISSING;
                }
                List<String> rest = path.subList(end, path.size());
                if (entry instanceof Map<?, ?> wrapped && wrapped.containsKey("value")) {
                    Object inner = present(wrapped.get("value"));
                    if (inner == MISSING) {
                        return MISSING;
                    }
                    return descend(inner, !rest.isEmpty() && rest.get(0).equals("value") ? rest.subList(1, rest.size()) : rest);
                }
                return descend(entry, rest);
            }
        }
        return MISSING;
    }

    /** Walks nested maps, preferring the longest literal key so that keys with dots still resolve. */
    private static Object descend(Object value, List<String> path) {
        if (path.isEmpty()) {
            return value;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return MISSING;
        }
        for (int end = path.size(); end >= 1; end--) {
            String key = String.join(".", path.subList(0, end));
            if (map.containsKey(key)) {
                Object child = present(map.get(key));
                return child == MISSING ? MISSING : descend(child, path.subList(end, path.size()));
            }
        }
        return MISSING;
    }

    private static Object present(Object value) {
        return value == null ? MISSING : value;
    }
}
