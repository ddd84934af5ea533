package io.launchpilot.policy.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.store.ActionRecord;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.RunRef;
import io.launchpilot.wandb.RunUpdate;
import io.launchpilot.wandb.WandbClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tagRun}: adds and removes tags of {@code run}. It reads the run's tags first and writes only
 * when they differ from the wanted set, so a repeat (after a crash) finds the effect and sends nothing.
 */
@ApplicationScoped
class TagRunAction implements ActionHandler {

    private final WandbClient wandb;

    TagRunAction(WandbClient wandb) {
        this.wandb = wandb;
    }

    @Override
    public ActionType type() {
        return ActionType.TAG_RUN;
    }

    @Override
    public ObjectNode execute(ActionRecord action, boolean resumed) {
        Params params = Params.of(action);
        RunRef ref = ActionRefs.run(params, "run");
        List<String> add = params.texts("add");
        List<String> remove = params.texts("remove");
        if (add.isEmpty() && remove.isEmpty()) {
            throw params.invalid("give at least one of add and remove");
        }
        Run run = wandb.run(ref).orElseThrow(() -> ActionFailure.permanent("tagRun: run " + ref.path() + " not found"));
        List<String> wanted = new ArrayList<>(run.tags());
        wanted.removeAll(remove);
        add.stream().filter(tag -> !wanted.contains(tag)).forEach(wanted::add);
        ObjectNode result = Params.result().put("run", ref.path());
        if (wanted.equals(run.tags())) {
            result.put("existed", true);
            result.set("tags", Params.JSON.valueToTree(run.tags()));
            return result;
        }
        Run updated = wandb.updateRun(run, RunUpdate.tags(wanted));
        result.set("tags", Params.JSON.valueToTree(updated.tags()));
        return result;
    }
}
