package io.launchpilot.policy;

import io.launchpilot.filter.RunFilter;
import io.launchpilot.spec.Position;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One validated policy.
 *
 * @param when the condition on the subject run, or null for none
 * @param whenText the condition as written, for display
 * @param holdFor how long {@code when} must hold before the policy fires ({@code for:}), or null
 * @param position where {@code metadata.name} stands
 */
public record Policy(String name, List<Trigger> triggers, RunFilter when, Map<String, Object> whenText,
        Duration holdFor, List<ActionTemplate> actions, Limits limits, PolicyMode mode, Position position) {

    public Policy {
        triggers = List.copyOf(triggers);
        actions = List.copyOf(actions);
        whenText = whenText == null ? null : Collections.unmodifiableMap(whenText);
    }
}
