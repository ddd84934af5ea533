package io.launchpilot.policy.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.launchpilot.store.ActionRecord;
import jakarta.inject.Singleton;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code updateRun}: sets {@code summary} and {@code config} keys of {@code run}. It compares them with
 * the run's values first and writes only when one differs, so a repeat finds the effect and sends nothing.
 */
@Singleton
class UpdateRunAction extends RunChangeAction {

    UpdateRunAction(RunChanges runs) {
        super(runs);
    }

    @Override
    public ActionType type() {
        return ActionType.UPDATE_RUN;
    }

    @Override
    RunChange change(ActionRecord action) {
        Params params = Params.of(action);
        Map<String, Object> summary = params.map("summary");
        Map<String, Object> config = params.map("config");
        if ((summary == null || summary.isEmpty()) && (config == null || config.isEmpty())) {
            throw params.invalid("give at least one of summary and config");
        }
        return new RunChange(type(), ActionRefs.run(params, "run"), List.of(), List.of(), summary, config);
    }

    /** Whether every wanted key already has its value (numbers compared by value: 2 equals 2.0). */
    static boolean holds(Map<String, Object> current, Map<String, Object> wanted) {
        for (Map.Entry<String, Object> entry : wanted.entrySet()) {
            if (!current.containsKey(entry.getKey()) || !same(Params.JSON.valueToTree(current.get(entry.getKey())),
                    Params.JSON.valueToTree(entry.getValue()))) {
                return false;
            }
        }
        return true;
    }

    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = a.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode other = b.get(field.getKey());
                if (other == null || !same(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
