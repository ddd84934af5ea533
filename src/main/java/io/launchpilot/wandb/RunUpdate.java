package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * A change to a run; a null part is left as it is.
 *
 * @param tags the run's new tags, replacing the old ones
 * @param config config keys to set, merged into the run's config
 * @param summary summary keys to set, merged into the run's summary
 */
@RegisterForReflection
public record RunUpdate(List<String> tags, Map<String, Object> config, Map<String, Object> summary) {

    public RunUpdate {
        tags = tags == null ? null : List.copyOf(tags);
        config = config == null ? null : Values.map(config);
        summary = summary == null ? null : Values.map(summary);
    }

    public static RunUpdate tags(List<String> tags) {
        return new RunUpdate(tags, null, null);
    }

    public static RunUpdate config(Map<String, Object> config) {
        return new RunUpdate(null, config, null);
    }

    public static RunUpdate summary(Map<String, Object> summary) {
        return new RunUpdate(null, null, summary);
    }
}
