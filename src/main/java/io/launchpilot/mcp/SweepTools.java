package io.launchpilot.mcp;

import io.launchpilot.sweep.SweepAction;
import io.launchpilot.sweep.SweepDetail;
import io.launchpilot.sweep.SweepService;
import io.launchpilot.wandb.ProjectRef;
import io.launchpilot.wandb.Sweep;
import io.launchpilot.wandb.SweepRef;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkiverse.mcp.server.ToolGuardrails;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** W&B sweeps for agents: the same service as {@code launchpilot sweeps list|get|pause|resume|stop|cancel}. */
@ToolErrors
public class SweepTools {

    /** A project's sweeps, at most limit of {@code total}. */
    @RegisterForReflection
    public record SweepList(String project, List<Sweep> sweeps, int total, boolean truncated) {
    }

    private final SweepService sweeps;

    SweepTools(SweepService sweeps) {
        this.sweeps = sweeps;
    }

    @Tool(name = "list_sweeps", structuredContent = true,
            description = "List the sweeps of a W&B project: id (ref.name), method, state (PENDING, RUNNING, PAUSED,"
                    + " FINISHED, CANCELED, CRASHED), run count, best loss and configuration. Use get_sweep for a"
                    + " sweep's best run.",
            annotations = @Annotations(title = "List sweeps", readOnlyHint = true, destructiveHint = false,
                    idempotentHint = true, openWorldHint = true))
    public SweepList listSweeps(
            @ToolArg(description = "The project as entity/project, e.g. acme/vision.") String project,
            @ToolArg(description = ResultLimit.DESCRIPTION, defaultValue = "50") int limit) {
        ResultLimit.check(limit);
        ProjectRef ref = ProjectRef.parse(project);
        List<Sweep> all = sweeps.list(ref);
        return new SweepList(ref.path(), all.stream().limit(limit).toList(), all.size(), all.size() > limit);
    }

    @Tool(name = "get_sweep", structuredContent = true,
            description = "Show one W&B sweep with its configuration and its best run by the sweep's own metric"
                    + " (metric.name, maximized or minimized as metric.goal says): the run's id, state, metric value and"
                    + " config. best is null when the sweep has no metric or no run reported it yet.",
            annotations = @Annotations(title = "Get a sweep", readOnlyHint = true, destructiveHint = false,
                    idempotentHint = true, openWorldHint = true))
    public SweepDetail getSweep(
            @ToolArg(description = "The sweep as entity/project/sweep-id, e.g. acme/vision/3kq1x9zv.") String sweep) {
        SweepRef ref = SweepRef.parse(sweep);
        return sweeps.get(ref).orElseThrow(() -> new ToolCallException("sweep " + ref.path() + " not found"));
    }

    @Tool(name = "set_sweep_state", structuredContent = true,
            description = "Pause, resume, stop or cancel a W&B sweep. pause: no new runs start, running runs go on"
                    + " (only a running sweep). resume: a paused sweep starts runs again. stop: no new runs; running runs"
                    + " finish (state FINISHED). cancel: stop now and kill the running runs (state CANCELED). A sweep that"
                    + " is already over cannot be stopped or cancelled. Returns the sweep as W&B has it afterwards.",
            annotations = @Annotations(title = "Change a sweep's state", readOnlyHint = false, destructiveHint = true,
                    idempotentHint = true, openWorldHint = true))
    @ToolGuardrails(input = WriteAccess.class)
    public Sweep setSweepState(
            @ToolArg(description = "The sweep as entity/project/sweep-id, e.g. acme/vision/3kq1x9zv.") String sweep,
            @ToolArg(description = "One of pause, resume, stop, cancel.") String action) {
        return sweeps.control(SweepRef.parse(sweep), SweepAction.parse(action));
    }
}
