package io.launchpilot.web.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.store.NewEvent;
import java.util.Optional;

/**
 * Turns a W&B Automation delivery into one {@code webhook.received} event. The body is whatever the
 * automation's payload template made of it, so every field is optional; the usual template variables
 * ({@code event_type}, {@code event_author}, {@code entity_name}, {@code project_name}, {@code alias},
 * {@code tag}, {@code artifact_collection_name}, {@code artifact_version_string}, and a run as
 * {@code run_id}, {@code run_name} or {@code run}) are lifted into the payload and the whole body is kept.
 *
 * <p>Subject: the artifact version ({@code entity/project/name:alias}), else the run path
 * ({@code entity/project/run}), else the project ({@code entity/project}), else the entity, else {@code wandb}.
 */
final class WandbPayloads {

    private WandbPayloads() {
    }

    static NewEvent event(JsonNode body) {
        Optional<String> entity = text(body, "entity_name");
        Optional<String> project = text(body, "project_name");
        Optional<String> artifact = text(body, "artifact_version_string");
        Optional<String> run = text(body, "run_id").or(() -> text(body, "run_name")).or(() -> text(body, "run"))
                .map(name -> name.contains("/") || entity.isEmpty() || project.isEmpty()
                        ? name : entity.get() + "/" + project.get() + "/" + name);
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("source", WebhookEvents.WANDB);
        text(body, "event_type").ifPresent(type -> payload.put("eventType", type));
        entity.ifPresent(value -> payload.put("entity", value));
        project.ifPresent(value -> payload.put("project", value));
        artifact.ifPresent(value -> payload.put("artifact", value));
        text(body, "artifact_collection_name").ifPresent(value -> payload.put("collection", value));
        text(body, "alias").ifPresent(value -> payload.put("alias", value));
        text(body, "tag").ifPresent(value -> payload.put("tag", value));
        run.ifPresent(value -> payload.put("run", value));
        text(body, "event_author").ifPresent(value -> payload.put("author", value));
        payload.set("body", body);
        String subject = artifact.or(() -> run)
                .or(() -> entity.map(e -> project.map(p -> e + "/" + p).orElse(e)))
                .orElse(WebhookEvents.WANDB);
        return new NewEvent(WebhookEvents.RECEIVED, subject, WebhookEvents.SOURCE, payload);
    }

    /** A top-level scalar as text; W&B leaves variables that do not apply blank, which counts as absent. */
    private static Optional<String> text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return Optional.empty();
        }
        String text = value.asText().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
