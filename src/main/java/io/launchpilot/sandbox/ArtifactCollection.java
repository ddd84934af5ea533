package io.launchpilot.sandbox;

import java.time.Instant;

/**
 * An artifact collection: a sequence (where versions are logged) or a portfolio (where versions
 * are linked, as in a registry).
 */
public record ArtifactCollection(long id, ProjectRef project, String name, String type, boolean portfolio,
                                 String description, Instant createdAt) {
}
