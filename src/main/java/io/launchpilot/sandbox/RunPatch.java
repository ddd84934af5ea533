package io.launchpilot.sandbox;

import java.util.List;
import java.util.Map;

/**
 * Changes to a run; null fields stay as they are. {@code config} is in W&B's wrapped form and,
 * like {@code summary} and {@code tags}, replaces the stored value whole, as upsertBucket does.
 * {@code heartbeat} also moves the run's heartbeat to now.
 */
public record RunPatch(String displayName, String state, Map<String, Object> config, Map<String, Object> summary,
                       List<String> tags, String group, String jobType, String notes, String description,
                       boolean heartbeat) {

    public static RunPatch state(String state) {
        return new RunPatch(null, state, null, null, null, null, null, null, null, false);
    }
}
