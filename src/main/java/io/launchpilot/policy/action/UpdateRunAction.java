package io.launchpilot.policy.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.store.ActionRecord;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.RunRef;
import io.launchpilot.wandb.RunUpdate;
import io.launchpilot.wandb.WandbClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code updateRun}: sets {@code summary} and {@code config} keys of {@code run}. It compares them with
 * the run's values first and writes only when one differs, so a repeat finds the effect and sends nothing.
 */
@ApplicationScoped
class UpdateRunAction implements ActionHandler {

    private final WandbClient wandb;

    UpdateRunAction(WandbClient wandb) {
        this.wandb = wandb;
    }

    @Override
    public ActionType type() {
        return ActionType.UPDATE_RUN;
    }

    @Override
    public ObjectNode execute(ActionRecord action, boolean resumed) {
        Params params = Params.of(action);
        RunRef ref = ActionRefs.run(params, "run");
        Map<String, Object> summary = params.map("summary");
        Map<String, Object> config = params.map("config");
        if ((summary == null || summary.isEmpty()) && (config == null || config.isEmpty())) {
            throw params.invalid("give at least one of summary and config");
        }
        Run run = wandb.run(ref).orElseThrow(() -> ActionFailure.permanent("updateRun: run " + ref.path() + " not found"));
        boolean summaryHolds = summary == null || holds(run.summary(), summary);
        boolean configHolds = config == null || holds(run.config(), config);
        ObjectNode result = Params.result().put("run", ref.path());
        if (summaryHolds && configHolds) {
            return result.put("existed", true);
        }
        wandb.updateRun(run, new RunUpdate(null, configHolds ? null : config, summaryHolds ? null : summary));
        if (!summaryHolds) {
            result.set("summary", Params.JSON.valueToTree(summary));
        }
        if (!configHolds) {
            result.set("config", Params.JSON.valueToTree(config));
        }
        return result;
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
