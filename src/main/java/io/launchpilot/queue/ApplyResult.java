package io.launchpilot.queue;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.launchpilot.wandb.QueueRef;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What an apply did: the plan it followed, the changes it made (none for a dry run), the queues W&B
 * failed on (the others were still applied), and W&B's warnings about resource configs.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApplyResult(QueuePlan plan, boolean dryRun, List<QueueChange> applied, List<Failure> failures,
        List<String> warnings) {

    /** A queue W&B did not take, and what it said. */
    @RegisterForReflection
    public record Failure(QueueRef queue, String action, String error) {
    }

    public ApplyResult {
        applied = applied == null ? List.of() : List.copyOf(applied);
        failures = failures == null ? List.of() : List.copyOf(failures);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public boolean failed() {
        return !failures.isEmpty();
    }
}
