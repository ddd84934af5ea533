package io.launchpilot.policy;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Which W&B entity and project a trigger listens to; a null field matches any.
 *
 * @param entity e.g. {@code acme}
 * @param project e.g. {@code vision}
 */
@RegisterForReflection
public record Scope(String entity, String project) {

    public static final Scope ANY = new Scope(null, null);

    /** Whether an event or run of {@code entity/project} is in scope. */
    public boolean contains(String entity, String project) {
        return (this.entity == null || this.entity.equals(entity)) && (this.project == null || this.project.equals(project));
    }
}
