package io.launchpilot.queue;

import io.launchpilot.spec.Position;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A template variable as a queue spec declares it. {@code schema} holds {@code type} and, when given,
 * {@code default}, {@code enum}, {@code minimum} and {@code maximum}, in that order and with the
 * values as written: it is sent to W&B as it is.
 */
@RegisterForReflection
public record VariableDefinition(String name, String description, Map<String, Object> schema,
        @JsonIgnore Position position) {

    public VariableDefinition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a template variable needs a name");
        }
        schema = schema == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(schema));
    }
}
