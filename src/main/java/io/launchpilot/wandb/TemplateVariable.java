package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * A variable a queue's resource config refers to as {@code {{name}}}; {@code schema} is a JSON
 * schema fragment such as {@code {"type": "integer", "minimum": 1, "maximum": 8, "default": 1}}.
 */
@RegisterForReflection
public record TemplateVariable(String name, String description, Map<String, Object> schema) {

    public TemplateVariable {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a template variable needs a name");
        }
        schema = Values.map(schema);
    }
}
