package io.launchpilot.policy.action;

import io.launchpilot.wandb.RunRef;
import java.util.List;
import java.util.Map;

/**
 * What a {@code tagRun} or {@code updateRun} action asks of its run. W&B replaces a run's whole tag list
 * and takes summary and config in the same {@code upsertBucket} call, so several changes of one run are
 * applied together with one read and at most one write ({@link RunChanges}, {@link RunChangeAction}).
 *
 * @param summary summary keys to set, empty for none
 * @param config config keys to set, empty for none
 */
record RunChange(ActionType type, RunRef run, List<String> add, List<String> remove, Map<String, Object> summary,
        Map<String, Object> config) {

    RunChange {
        add = List.copyOf(add);
        remove = List.copyOf(remove);
        summary = summary == null ? Map.of() : summary;
        config = config == null ? Map.of() : config;
    }

}
