package io.launchpilot.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.spec.Position;

/**
 * One {@code do:} entry as written: its parameters may still hold {@code ${...}} references.
 *
 * @param type the action, e.g. {@code tagRun}
 * @param params the parameters as written
 * @param position where the action's key stands
 */
public record ActionTemplate(String type, ObjectNode params, Position position) {
}
