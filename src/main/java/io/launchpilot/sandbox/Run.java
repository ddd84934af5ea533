package io.launchpilot.sandbox;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A W&B run. {@code ref.name()} is the short id W&B calls the run's name; {@code config} is kept in
 * W&B's wrapped form ({@code key -> {"value": v, "desc": ...}}); {@code simulated} marks runs the
 * simulator owns (seeded demo runs and runs its launch agent started).
 */
public record Run(long id, RunRef ref, String displayName, String state, Map<String, Object> config,
                  Map<String, Object> summary, List<String> tags, String group, String jobType, String sweep,
                  String notes, String description, String username, String host, Instant createdAt,
                  Instant updatedAt, Instant heartbeatAt, boolean simulated) {

    public Run {
        config = Json.frozen(config);
        summary = Json.frozen(summary);
        tags = Json.frozen(tags);
    }

    /** This run with the patch's non-null fields applied at {@code now}. */
    public Run apply(RunPatch patch, Instant now) {
        return new Run(id, ref,
                patch.displayName() != null ? patch.displayName() : displayName,
                patch.state() != null ? patch.state() : state,
                patch.config() != null ? patch.config() : config,
                patch.summary() != null ? patch.summary() : summary,
                patch.tags() != null ? patch.tags() : tags,
                patch.group() != null ? patch.group() : group,
                patch.jobType() != null ? patch.jobType() : jobType,
                sweep,
                patch.notes() != null ? patch.notes() : notes,
                patch.description() != null ? patch.description() : description,
                username, host, createdAt, now,
                patch.heartbeat() ? now : heartbeatAt,
                simulated);
    }

    /** This run as part of the sweep {@code name}. */
    public Run inSweep(String name, Instant now) {
        return new Run(id, ref, displayName, state, config, summary, tags, group, jobType, name, notes, description,
                username, host, createdAt, now, heartbeatAt, simulated);
    }

    /** The document W&B filters and orders runs by (see {@code io.launchpilot.filter}). */
    public Map<String, Object> document() {
        Map<String, Object> doc = new HashMap<>();
        doc.put("name", ref.name());
        doc.put("displayName", displayName);
        doc.put("state", state);
        doc.put("tags", tags);
        doc.put("group", group);
        doc.put("jobType", jobType);
        doc.put("createdAt", createdAt);
        doc.put("heartbeatAt", heartbeatAt);
        doc.put("sweep", sweep);
        doc.put("username", username);
        doc.put("host", host);
        doc.put("config", config);
        doc.put("summary_metrics", summary);
        return doc;
    }
}
