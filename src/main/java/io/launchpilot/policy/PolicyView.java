package io.launchpilot.policy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A policy as the CLI and the REST API show it.
 *
 * @param triggers each trigger's id, e.g. {@code event:run.state_changed}, {@code schedule:0 2 * * *}
 * @param when the condition as written, or null
 * @param holdFor {@code for:} as an ISO-8601 duration, or null
 * @param actions the action types in order
 * @param source where it is defined, {@code file:line:column}
 */
@RegisterForReflection
public record PolicyView(String name, String mode, List<String> triggers, Map<String, Object> when, String holdFor,
        List<String> actions, Limits limits, String source) {

    public static PolicyView of(Policy policy) {
        return new PolicyView(policy.name(), policy.mode().name().toLowerCase(Locale.ROOT),
                policy.triggers().stream().map(Trigger::id).toList(), policy.whenText(),
                policy.holdFor() == null ? null : policy.holdFor().toString(),
                policy.actions().stream().map(ActionTemplate::type).toList(), policy.limits(),
                policy.position().toString());
    }
}
