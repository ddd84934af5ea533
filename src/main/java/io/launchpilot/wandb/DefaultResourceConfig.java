package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * A queue's resource type and config. {@code config} is as stored, i.e.
 * {@code {"resource_args": {"<type>": ...}}}; {@link #resourceArgs()} unwraps it.
 */
@RegisterForReflection
public record DefaultResourceConfig(String id, String resourceType, Map<String, Object> config,
        List<TemplateVariable> templateVariables) {

    public DefaultResourceConfig {
        config = Values.map(config);
        templateVariables = Values.list(templateVariables);
    }

    /** The config of the resource itself, as it was given to create or upsert the queue. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> resourceArgs() {
        if (config.get("resource_args") instanceof Map<?, ?> args && args.get(resourceType) instanceof Map<?, ?> own) {
            return Values.map((Map<String, ?>) own);
        }
        return Map.of();
    }
}
