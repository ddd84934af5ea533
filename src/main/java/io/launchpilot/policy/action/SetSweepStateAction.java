package io.launchpilot.policy.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.store.ActionRecord;
import io.launchpilot.sweep.SweepAction;
import io.launchpilot.wandb.Sweep;
import io.launchpilot.wandb.SweepRef;
import io.launchpilot.wandb.SweepState;
import io.launchpilot.wandb.WandbClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;

/**
 * {@code setSweepState}: {@code pause}, {@code resume}, {@code stop} (finish after the running runs) or
 * {@code cancel} (stop now) a sweep. A sweep already in the target state, or already over when asked to
 * stop or cancel, counts as done without a write; a move W&B refuses (pausing a finished sweep) fails.
 */
@ApplicationScoped
class SetSweepStateAction implements ActionHandler {

    private static final Set<String> OVER = Set.of("FINISHED", "CANCELED", "FAILED", "CRASHED");

    private final WandbClient wandb;

    SetSweepStateAction(WandbClient wandb) {
        this.wandb = wandb;
    }

    @Override
    public ActionType type() {
        return ActionType.SET_SWEEP_STATE;
    }

    @Override
    public ObjectNode execute(ActionRecord action, boolean resumed) {
        Params params = Params.of(action);
        SweepRef ref = ActionRefs.sweep(params, "sweep");
        SweepState target;
        try {
            target = SweepAction.parse(params.text("state")).target();
        } catch (IllegalArgumentException e) {
            throw params.invalid(e.getMessage());
        }
        Sweep sweep = wandb.sweep(ref)
                .orElseThrow(() -> ActionFailure.permanent("setSweepState: sweep " + ref.path() + " not found"));
        String current = sweep.state() == null ? "" : sweep.state().toUpperCase(Locale.ROOT);
        ObjectNode result = Params.result().put("sweep", ref.path());
        boolean ending = target == SweepState.FINISHED || target == SweepState.CANCELED;
        if (current.equals(target.name()) || ending && OVER.contains(current)) {
            return result.put("state", current.toLowerCase(Locale.ROOT)).put("existed", true);
        }
        try {
            wandb.setSweepState(ref, target);
        } catch (IllegalStateException e) {
            throw ActionFailure.permanent("setSweepState: " + e.getMessage());
        }
        return result.put("state", target.name().toLowerCase(Locale.ROOT));
    }
}
