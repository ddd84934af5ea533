package io.launchpilot.policy.action;

import io.launchpilot.store.ActionRecord;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * {@code tagRun}: adds and removes tags of {@code run}. It reads the run's tags first and writes only
 * when they differ from the wanted set, so a repeat (after a crash) finds the effect and sends nothing.
 */
@Singleton
class TagRunAction extends RunChangeAction {

    TagRunAction(RunChanges runs) {
        super(runs);
    }

    @Override
    public ActionType type() {
        return ActionType.TAG_RUN;
    }

    @Override
    RunChange change(ActionRecord action) {
        Params params = Params.of(action);
        List<String> add = params.texts("add");
        List<String> remove = params.texts("remove");
        if (add.isEmpty() && remove.isEmpty()) {
            throw params.invalid("give at least one of add and remove");
        }
        return new RunChange(type(), ActionRefs.run(params, "run"), add, remove, Map.of(), Map.of());
    }
}
