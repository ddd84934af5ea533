package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A project as {@code upsertModel} returns it; {@code inserted} is true when the call created it. */
@RegisterForReflection
public record Project(String id, ProjectRef ref, String description, String access, boolean inserted) {
}
