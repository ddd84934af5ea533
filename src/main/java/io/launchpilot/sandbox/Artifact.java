package io.launchpilot.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One artifact version, logged into the sequence {@code sequenceId} as version
 * {@code versionIndex}, by the run {@code createdBy} when known.
 */
public record Artifact(long id, long sequenceId, int versionIndex, String type, RunRef createdBy,
                       String description, Map<String, Object> metadata, List<String> tags, String digest,
                       long size, Instant createdAt, Instant updatedAt) {

    public Artifact {
        metadata = Json.frozen(metadata);
        tags = Json.frozen(tags);
    }

    /** This version with a new description, metadata and tags at {@code now}. */
    public Artifact edited(String newDescription, Map<String, Object> newMetadata, List<String> newTags, Instant now) {
        return new Artifact(id, sequenceId, versionIndex, type, createdBy, newDescription, newMetadata, newTags, digest,
                size, createdAt, now);
    }
}
