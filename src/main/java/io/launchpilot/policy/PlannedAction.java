package io.launchpilot.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Objects;

/**
 * One action of a firing, with every {@code ${...}} reference already resolved and the subject's
 * defaults filled in (a {@code tagRun} without {@code run} names the subject run), so the outbox can
 * execute it long after the event without looking at the policy again.
 *
 * @param type the action's key in the policy, e.g. {@code enqueue}, {@code tagRun}
 * @param params the resolved parameters, a JSON object
 */
@RegisterForReflection
public record PlannedAction(String type, ObjectNode params) {

    public PlannedAction {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(params, "params");
    }
}
