package io.launchpilot.policy;

import io.launchpilot.wandb.ProjectRef;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.QueuedRun;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.RunRef;
import io.launchpilot.wandb.Sweep;
import io.launchpilot.wandb.SweepRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the engine reads the things a firing is about: W&B itself while serving
 * ({@link WandbSubjects}), the states given in a fixture for {@code policies test}.
 */
public interface Subjects {

    Optional<Run> run(RunRef run);

    Optional<Sweep> sweep(SweepRef sweep);

    /** The sweep's best run by its metric (lowest, or highest when the goal is maximize), if any has it. */
    Optional<Run> bestRun(Sweep sweep);

    /** Runs of a project matching a W&B runs filter (evaluated by the server), at most {@code limit}. */
    List<Run> runs(ProjectRef project, Map<String, Object> filter, int limit);

    /** A queue's item with its run spec, while the queue lists it. */
    Optional<QueuedRun> queued(QueueRef queue, String itemId);
}
