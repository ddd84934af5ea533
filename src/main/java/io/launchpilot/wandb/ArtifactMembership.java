package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * An artifact version as seen from one collection: its own source collection, or a collection or
 * registry it was linked into, with that collection's version index and aliases.
 */
@RegisterForReflection
public record ArtifactMembership(String id, String entity, String project, String collection,
        int versionIndex, List<String> aliases, Artifact artifact) {

    public ArtifactMembership {
        aliases = Values.list(aliases);
    }

    public ArtifactRef ref() {
        return new ArtifactRef(entity, project, collection, "v" + versionIndex);
    }
}
