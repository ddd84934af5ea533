package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An artifact version in the collection that produced it ({@code entity/project/collection}).
 * {@code aliases} may be empty when the query did not ask for them.
 */
@RegisterForReflection
public record Artifact(String id, String entity, String project, String collection, int versionIndex,
        String type, List<String> aliases, String state, String digest, Long size, String description,
        Map<String, Object> metadata, List<String> tags, Instant createdAt, Instant updatedAt) {

    public Artifact {
        aliases = Values.list(aliases);
        metadata = Values.map(metadata);
        tags = Values.list(tags);
    }

    /** {@code v<versionIndex>}. */
    public String version() {
        return "v" + versionIndex;
    }

    public ArtifactRef ref() {
        return new ArtifactRef(entity, project, collection, version());
    }
}
