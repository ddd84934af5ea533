package io.launchpilot.queue;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.launchpilot.wandb.DefaultResourceConfig;
import io.launchpilot.wandb.ExternalLink;
import io.launchpilot.wandb.PrioritizationMode;
import io.launchpilot.wandb.RunQueue;
import io.launchpilot.wandb.RunQueueItem;
import io.launchpilot.wandb.TemplateVariable;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run queue as the CLI and the REST API show it: its settings, whether Launchpilot manages it,
 * and (for one queue) its items; {@code items} is null in lists.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueueView(String entity, String name, String id, String resource, PrioritizationMode prioritization,
        boolean managed, String access, String createdBy, Instant createdAt, Instant updatedAt,
        Map<String, Object> config, List<TemplateVariable> templateVariables, List<ExternalLink> externalLinks,
        List<RunQueueItem> items) {

    static QueueView of(RunQueue queue, boolean withItems) {
        DefaultResourceConfig config = queue.defaultResourceConfig();
        return new QueueView(queue.ref().entity(), queue.ref().name(), queue.id(),
                config == null ? null : config.resourceType(), queue.prioritizationMode(), ManagedMarker.present(queue),
                queue.access(), queue.createdBy(), queue.createdAt(), queue.updatedAt(),
                config == null ? Map.of() : config.resourceArgs(),
                config == null ? List.of() : config.templateVariables(), queue.externalLinks(),
                withItems ? queue.items() : null);
    }

    public String path() {
        return entity + "/" + name;
    }
}
