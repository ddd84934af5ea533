package io.launchpilot.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Everything the sandbox holds, as plain tables keyed by id. Only touched under the lock of
 * {@link SandboxStore}; records are immutable, so an update replaces the entry.
 */
final class SandboxData {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    final Map<ProjectRef, Project> projects = new LinkedHashMap<>();
    final Map<RunRef, Run> runs = new LinkedHashMap<>();
    final Map<Long, Sweep> sweeps = new LinkedHashMap<>();
    final Map<Long, ResourceConfig> resourceConfigs = new LinkedHashMap<>();
    final Map<Long, RunQueue> queues = new LinkedHashMap<>();
    final Map<Long, QueueItem> items = new LinkedHashMap<>();
    final Map<Long, ArtifactCollection> collections = new LinkedHashMap<>();
    final Map<Long, Artifact> artifacts = new LinkedHashMap<>();
    final Map<Long, Membership> memberships = new LinkedHashMap<>();

    private final Random random;
    private long sequence;
    private Instant lastCreated = Instant.EPOCH;

    SandboxData(Random random) {
        this.random = random;
    }

    long nextId() {
        return ++sequence;
    }

    /**
     * A creation time at or after {@code now} and strictly after every earlier one, so that
     * creation order and {@code createdAt} order agree even within one clock tick.
     */
    Instant created(Instant now) {
        Instant truncated = now.truncatedTo(ChronoUnit.MICROS);
        lastCreated = truncated.isAfter(lastCreated) ? truncated : lastCreated.plus(1, ChronoUnit.MICROS);
        return lastCreated;
    }

    /** A W&B-style short id: 8 lowercase letters and digits. */
    String shortId() {
        StringBuilder id = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    Project ensureProject(ProjectRef ref, Instant now) {
        return projects.computeIfAbsent(ref, r -> new Project(nextId(), r, null, "PRIVATE", created(now)));
    }
}
