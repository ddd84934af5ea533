package io.launchpilot.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** W&B stores each run config key wrapped as {@code {"value": v, "desc": ...}}. */
final class Configs {

    private Configs() {
    }

    /** Plain config values in W&B's wrapped form; null stays null. */
    static Map<String, Object> wrap(Map<String, Object> config) {
        if (config == null) {
            return null;
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("value", value);
            entry.put("desc", null);
            wrapped.put(key, entry);
        });
        return wrapped;
    }

    /** A wrapped config as plain values. */
    static Map<String, Object> unwrap(Map<String, Object> config) {
        Map<String, Object> plain = new LinkedHashMap<>();
        config.forEach((key, value) -> plain.put(key,
                value instanceof Map<?, ?> wrapped && wrapped.containsKey("value") ? wrapped.get("value") : value));
        return plain;
    }
}
