package io.launchpilot.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * A queue's default resource config: the resource type, its config as the SDK writes it
 * ({@code {"resource_args": {"<type>": {...}}}}) and the template variables keyed by name, each
 * {@code {"description": ..., "schema": {...}}}.
 */
public record ResourceConfig(long id, String entity, String resource, Map<String, Object> config,
                             Map<String, Object> templateVariables, Instant createdAt, Instant updatedAt) {

    public ResourceConfig {
        config = Json.frozen(config);
        templateVariables = Json.frozen(templateVariables);
    }
}
