package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * What a run queue should look like. {@code resourceConfig} is the config of the resource alone
 * (e.g. a Kubernetes Job spec); the client wraps it as {@code {"resource_args": {"<type>": config}}}
 * the way the SDK does.
 */
@RegisterForReflection
public record QueueSpec(QueueRef queue, String resourceType, Map<String, Object> resourceConfig,
        List<TemplateVariable> templateVariables, PrioritizationMode prioritizationMode,
        List<ExternalLink> externalLinks) {

    public QueueSpec {
        if (queue == null) {
            throw new IllegalArgumentException("a queue spec needs a queue");
        }
        if (resourceType == null || resourceType.isBlank()) {
            throw new IllegalArgumentException("queue " + queue.path() + " needs a resource type");
        }
        resourceConfig = Values.map(resourceConfig);
        templateVariables = Values.list(templateVariables);
        prioritizationMode = prioritizationMode == null ? PrioritizationMode.DISABLED : prioritizationMode;
        externalLinks = Values.list(externalLinks);
    }
}
