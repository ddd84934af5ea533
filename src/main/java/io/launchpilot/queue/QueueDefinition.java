package io.launchpilot.queue;

import io.launchpilot.spec.Position;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.launchpilot.wandb.PrioritizationMode;
import io.launchpilot.wandb.QueueRef;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run queue as a spec file declares it ({@code kind: RunQueue}), validated. {@code config} is
 * the resource's own config with its {@code {{placeholders}}}; {@code externalLinks} maps labels to
 * URLs. {@code position} is where the queue is named ({@code metadata.name});
 * {@code prioritizationPosition} where its prioritization is set, or null when it was left to the
 * default ({@link PrioritizationMode#DISABLED}).
 */
@RegisterForReflection
public record QueueDefinition(QueueRef ref, String resource, PrioritizationMode prioritization,
        Map<String, Object> config, List<VariableDefinition> templateVariables, Map<String, String> externalLinks,
        @JsonIgnore Position position, @JsonIgnore Position prioritizationPosition) {

    public QueueDefinition {
        if (ref == null || resource == null || position == null) {
            throw new IllegalArgumentException("a queue definition needs a queue, a resource and a position");
        }
        prioritization = prioritization == null ? PrioritizationMode.DISABLED : prioritization;
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
        templateVariables = templateVariables == null ? List.of() : List.copyOf(templateVariables);
        externalLinks = externalLinks == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(externalLinks));
    }

    /**
     * The spec as a document of its own ({@code apiVersion}, {@code kind}, {@code metadata}, {@code spec}), with the
     * entity filled in: what a person would write to declare this queue alone.
     */
    @JsonIgnore
    public Map<String, Object> document() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", ref.name());
        metadata.put("entity", ref.entity());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("resource", resource);
        spec.put("prioritization", prioritization.name());
        if (!config.isEmpty()) {
            spec.put("config", config);
        }
        if (!templateVariables.isEmpty()) {
            Map<String, Object> variables = new LinkedHashMap<>();
            for (VariableDefinition variable : templateVariables) {
                Map<String, Object> definition = new LinkedHashMap<>();
                if (variable.description() != null && !variable.description().isEmpty()) {
                    definition.put("description", variable.description());
                }
                definition.put("schema", variable.schema());
                variables.put(variable.name(), definition);
            }
            spec.put("templateVariables", variables);
        }
        if (!externalLinks.isEmpty()) {
            spec.put("externalLinks", externalLinks);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", QueueSpecParser.API_VERSION);
        document.put("kind", QueueSpecParser.KIND);
        document.put("metadata", metadata);
        document.put("spec", spec);
        return document;
    }

    /** Where a refusal of the prioritization belongs: its own line, else the queue's name. */
    @JsonIgnore
    public Position prioritizationOrQueuePosition() {
        return prioritizationPosition != null ? prioritizationPosition : position;
    }
}
