package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * A run queue as W&B holds it, with all its items. {@code defaultResourceConfig} is null for a queue
 * that has none; {@code access} is {@code PROJECT} or {@code USER}.
 */
@RegisterForReflection
public record RunQueue(String id, QueueRef ref, String access, String createdBy,
        PrioritizationMode prioritizationMode, List<ExternalLink> externalLinks, Instant createdAt,
        Instant updatedAt, DefaultResourceConfig defaultResourceConfig, List<RunQueueItem> items) {

    public RunQueue {
        externalLinks = Values.list(externalLinks);
        items = Values.list(items);
    }
}
