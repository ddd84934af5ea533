package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A queue just created, with the GraphQL ids W&B gave it and its default resource config. */
@RegisterForReflection
public record CreatedQueue(String id, QueueRef ref, String defaultResourceConfigId) {
}
