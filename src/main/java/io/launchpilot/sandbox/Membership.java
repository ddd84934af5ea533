package io.launchpilot.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * An artifact version's place in a collection: its version index there and its aliases there
 * (an alias names at most one membership per collection).
 */
public record Membership(long id, long collectionId, long artifactId, int versionIndex, List<String> aliases,
                         Instant createdAt) {

    public Membership {
        aliases = Json.frozen(aliases);
    }

    public Membership withAliases(List<String> newAliases) {
        return new Membership(id, collectionId, artifactId, versionIndex, newAliases, createdAt);
    }
}
