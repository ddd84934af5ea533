package io.launchpilot.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.sweep.SweepDetail;
import io.launchpilot.sweep.SweepService;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.RunQuery;
import io.launchpilot.wandb.SweepRef;
import io.launchpilot.wandb.WandbClient;
import io.quarkiverse.mcp.server.JsonRpcErrorCodes;
import io.quarkiverse.mcp.server.McpException;
import io.quarkiverse.mcp.server.Prompt;
import io.quarkiverse.mcp.server.PromptArg;
import io.quarkiverse.mcp.server.PromptMessage;
import java.util.List;
import java.util.stream.Collectors;

/** Prompts that start an agent on a common task with the facts already gathered, and the tools to go on with. */
public class TriagePrompts {

    /** Failed runs shown in the prompt; list_runs reaches the rest. */
    static final int FAILED_SHOWN = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SweepService sweeps;
    private final WandbClient wandb;

    TriagePrompts(SweepService sweeps, WandbClient wandb) {
        this.sweeps = sweeps;
        this.wandb = wandb;
    }

    @Prompt(name = "triage_failed_runs", title = "Triage the failed runs of a sweep",
            description = "Find out why runs of a W&B sweep failed or crashed, whether the failures share a cause"
                    + " (hyperparameters, a code or infrastructure problem), and what to do: fix and resume, pause the"
                    + " sweep, or let it go on. Gathers the sweep, its best run and its newest failed runs.")
    PromptMessage triageFailedRuns(
            @PromptArg(description = "The sweep as entity/project/sweep-id, e.g. acme/vision/3kq1x9zv.") String sweep) {
        SweepRef ref;
        try {
            ref = SweepRef.parse(sweep);
        } catch (IllegalArgumentException e) {
            throw new McpException(e.getMessage(), JsonRpcErrorCodes.INVALID_PARAMS);
        }
        SweepDetail detail = sweeps.get(ref)
                .orElseThrow(() -> new McpException("sweep " + ref.path() + " not found", JsonRpcErrorCodes.INVALID_PARAMS));
        String filter = failedRunsFilter(ref);
        List<Run> failed = wandb.runs(ref.projectRef(), new RunQuery(filter, "-heartbeat_at", FAILED_SHOWN + 1),
                FAILED_SHOWN + 1).toList();
        StringBuilder text = new StringBuilder();
        text.append("Triage the failed runs of W&B sweep ").append(ref.path()).append(".\n\n")
                .append("Sweep: method ").append(detail.sweep().method()).append(", state ").append(detail.sweep().state())
                .append(", ").append(detail.sweep().runCount()).append(" runs");
        if (detail.metric() != null) {
            text.append(", metric ").append(detail.metric()).append(" (").append(detail.goal()).append(")");
        }
        text.append(".\n");
        if (detail.best() != null) {
            text.append("Best run so far: ").append(detail.best().run()).append(" with ").append(detail.metric())
                    .append(" = ").append(detail.best().value()).append(", config ").append(detail.best().config())
                    .append(".\n");
        }
        if (failed.isEmpty()) {
            text.append("\nNo run of this sweep has failed or crashed. Say so, and stop.\n");
            return PromptMessage.withUserRole(text.toString());
        }
        text.append("\nNewest failed or crashed runs (").append(failed.size() > FAILED_SHOWN
                ? "the newest " + FAILED_SHOWN + "; list_runs with the filter below shows all" : "all of them")
                .append("):\n");
        failed.stream().limit(FAILED_SHOWN).forEach(run -> text.append("- ").append(run.ref().name())
                .append(" (").append(run.displayName()).append("): ").append(run.state())
                .append(", last heartbeat ").append(run.heartbeatAt()).append(", config ").append(run.config())
                .append(", summary ").append(run.summary()).append('\n'));
        text.append("""

                Steps:
                1. Compare the failed runs' config with each other and with the best run: do failures cluster on some \
                hyperparameter values (e.g. a high learning rate, a large batch size)? Use get_run for details.
                2. Look at how far they got (summary _step, _runtime, the last metrics): early crashes point at code or \
                infrastructure, late ones at divergence (NaN or exploding loss) or out-of-memory on larger settings.
                3. Check the events with list_events (type run.state_changed, subject %s/*) for when they failed, \
                and whether failures are recent or spread out.
                4. Recommend one of: let the sweep go on; narrow the search space; or pause it with set_sweep_state \
                (action pause) until the cause is fixed. Do not change anything without asking.
                list_runs filter for these runs: %s
                """.formatted(ref.projectRef().path(), filter));
        return PromptMessage.withUserRole(text.toString());
    }

    @Prompt(name = "review_queue_change", title = "Review a change to run queues",
            description = "Review queue specs before applying them: plan, explain each change and its risk, and apply"
                    + " only after the user confirms.")
    PromptMessage reviewQueueChange(
            @PromptArg(description = "The queue specs (YAML) to review; the resource launchpilot://queues/{entity}/{name}"
                    + " holds the current ones.") String specs) {
        return PromptMessage.withUserRole("""
                Review this change to W&B Launch run queues before anything is applied.

                1. Call plan_queues with the specs below. If they are invalid, list every problem (specs:line:column) \
                and stop.
                2. For each queue that would be created, updated, deleted or is refused, explain in one line what \
                changes and what it means for runs waiting on or sent to that queue (e.g. fewer GPUs, another \
                namespace, a template variable whose range shrinks and would refuse values used today).
                3. Point out risks: deletions, prioritization switched to V0 (W&B cannot undo it), drift (a queue \
                changed by hand in W&B that this would overwrite).
                4. Ask the user to confirm. Only then call apply_queues with the same specs and confirm: true, and \
                report what was applied and any failure.

                Specs:
                %s
                """.formatted(specs));
    }

    /** Runs of the sweep that failed or crashed, in W&B's filter language. */
    static String failedRunsFilter(SweepRef sweep) {
        ObjectNode filter = JSON.createObjectNode();
        var and = filter.putArray("$and");
        and.addObject().put("sweep", sweep.name());
        and.addObject().putObject("state").putArray("$in").add("failed").add("crashed");
        return filter.toString();
    }
}
