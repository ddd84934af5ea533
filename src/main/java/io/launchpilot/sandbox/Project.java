package io.launchpilot.sandbox;

import java.time.Instant;

/** A W&B project; {@code id} is its integer internal id. */
public record Project(long id, ProjectRef ref, String description, String access, Instant createdAt) {
}
