package io.launchpilot.queue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Locale;

/**
 * One difference between a queue in W&B and its spec: {@code field} is a path such as
 * {@code config.spec.template.spec.containers} or {@code templateVariables.gpus.schema.maximum};
 * {@code before} is absent for an added field, {@code after} for a removed one.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldChange(String field, Kind change, Object before, Object after) {

    public enum Kind {
        ADDED, CHANGED, REMOVED;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public FieldChange {
        if (field == null || change == null) {
            throw new IllegalArgumentException("a field change needs a field and a kind");
        }
    }
}
