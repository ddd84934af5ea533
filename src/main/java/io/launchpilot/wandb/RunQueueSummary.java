package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A run queue as an entity's queue list shows it. */
@RegisterForReflection
public record RunQueueSummary(String id, QueueRef ref, String createdBy, String access) {
}
