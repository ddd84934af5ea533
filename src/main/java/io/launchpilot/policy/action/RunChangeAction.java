package io.launchpilot.policy.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.store.ActionRecord;
import java.util.List;

/**
 * An action whose whole effect is a {@link RunChange}. The executor applies consecutive changes of one run
 * together, whatever their type ({@link #apply}); alone, an action is a list of one. Its beans are
 * {@code @Singleton}: a client proxy would need a no-argument constructor, and they keep no state.
 */
abstract class RunChangeAction implements ActionHandler {

    private final RunChanges runs;

    RunChangeAction(RunChanges runs) {
        this.runs = runs;
    }

    /**
     * The change the action asks for.
     *
     * @throws ActionFailure when its parameters are wrong
     */
    abstract RunChange change(ActionRecord action);

    /** Applies changes of one run in order, with one read and at most one write: see {@link RunChanges}. */
    List<ObjectNode> apply(List<RunChange> changes) {
        return runs.apply(changes);
    }

    @Override
    public ObjectNode execute(ActionRecord action, boolean resumed) {
        return apply(List.of(change(action))).get(0);
    }
}
