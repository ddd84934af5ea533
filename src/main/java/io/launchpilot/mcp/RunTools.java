package io.launchpilot.mcp;

import io.launchpilot.wandb.ProjectRef;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.RunQuery;
import io.launchpilot.wandb.RunRef;
import io.launchpilot.wandb.WandbClient;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.Tool.InputSchema;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkiverse.mcp.server.ToolGuardrails;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** W&B runs for agents, read with W&B's own filter and order language, as {@code launchpilot runs ...} does. */
@ToolErrors
public class RunTools {

    /** A run without W&B's internal config entries. {@code run} is the short id, {@code path} entity/project/run. */
    @RegisterForReflection
    public record RunInfo(String path, String run, String displayName, String state, Instant createdAt,
            Instant heartbeatAt, String sweep, String group, String jobType, List<String> tags, String username,
            Map<String, Object> config, Map<String, Object> summary) {

        static RunInfo of(Run run) {
            return new RunInfo(run.ref().path(), run.ref().name(), run.displayName(), run.state(), run.createdAt(),
                    run.heartbeatAt(), run.sweep(), run.group(), run.jobType(), run.tags(), run.username(), run.config(),
                    run.summary());
        }
    }

    /** Runs of a project matching {@code filters} in {@code order}; {@code truncated} when more matched than limit. */
    @RegisterForReflection
    public record RunList(String project, String filters, String order, List<RunInfo> runs, int returned,
            boolean truncated) {
    }

    private final WandbClient wandb;

    RunTools(WandbClient wandb) {
        this.wandb = wandb;
    }

    @Tool(name = "list_runs", structuredContent = true,
            description = "List the runs of a W&B project, with config and summary metrics, filtered and ordered by"
                    + " W&B itself. Name the project as path (entity/project) or as entity and project. filters is W&B's"
                    + " MongoDB-style run filter: $and $or $nor $eq $ne $gt $gte $lt $lte $in $nin $exists $regex on"
                    + " state (running, finished, failed, crashed, killed, preempted, pending), displayName, tags, group,"
                    + " jobType, createdAt, sweep, config.<key> and summary_metrics.<key>, e.g."
                    + " {\"$and\": [{\"state\": \"finished\"}, {\"summary_metrics.val_acc\": {\"$gte\": 0.9}}]}."
                    + " order is + (ascending) or - (descending) followed by created_at, heartbeat_at,"
                    + " config.<key>.value or summary_metrics.<key>. truncated is true when more runs matched.",
            annotations = @Annotations(title = "List runs", readOnlyHint = true, destructiveHint = false,
                    idempotentHint = true, openWorldHint = true),
            inputSchema = @InputSchema(generator = RunFilters.class))
    @ToolGuardrails(input = RunFilters.class)
    public RunList listRuns(
            @ToolArg(description = "The project as entity/project, e.g. acme/vision. Or give entity and project.",
                    required = false) String path,
            @ToolArg(description = "The W&B entity (user or team), with project, instead of path.", required = false)
            String entity,
            @ToolArg(description = "The W&B project, with entity, instead of path.", required = false) String project,
            @ToolArg(description = "W&B run filter: a JSON object, or the same object as JSON text. Default: all runs.",
                    required = false) String filters,
            @ToolArg(description = "Sort order, e.g. -summary_metrics.val_acc (best accuracy first) or -created_at"
                    + " (newest first). Default: +created_at.", defaultValue = RunQuery.DEFAULT_ORDER) String order,
            @ToolArg(description = ResultLimit.DESCRIPTION, defaultValue = "50") int limit) {
        ResultLimit.check(limit);
        ProjectRef ref = project(path, entity, project);
        RunQuery query = RunQuery.all().withFilters(filters).withOrder(order).withPerPage(Math.min(limit + 1, 1000));
        List<RunInfo> runs = wandb.runs(ref, query, limit + 1).map(RunInfo::of).toList();
        boolean truncated = runs.size() > limit;
        List<RunInfo> shown = truncated ? runs.subList(0, limit) : runs;
        return new RunList(ref.path(), query.filters(), query.order(), shown, shown.size(), truncated);
    }

    @Tool(name = "get_run", structuredContent = true,
            description = "Show one W&B run: state, times, sweep, group, job type, tags, config and summary metrics."
                    + " Fails if the run does not exist.",
            annotations = @Annotations(title = "Get a run", readOnlyHint = true, destructiveHint = false,
                    idempotentHint = true, openWorldHint = true))
    public RunInfo getRun(
            @ToolArg(description = "The run as entity/project/run-id, e.g. acme/vision/a1b2c3d4 (the short id, not the"
                    + " display name).") String run) {
        RunRef ref = RunRef.parse(run);
        return wandb.run(ref).map(RunInfo::of)
                .orElseThrow(() -> new ToolCallException("run " + ref.path() + " not found"));
    }

    /** The project from {@code path}, or from {@code entity} and {@code project}; exactly one way. */
    static ProjectRef project(String path, String entity, String project) {
        boolean byPath = path != null && !path.isBlank();
        boolean byParts = entity != null && !entity.isBlank() || project != null && !project.isBlank();
        if (byPath == byParts) {
            throw new ToolCallException(byPath ? "give either path or entity and project, not both"
                    : "name the project: path as entity/project, or entity and project");
        }
        if (byPath) {
            return ProjectRef.parse(path.strip());
        }
        if (entity == null || entity.isBlank() || project == null || project.isBlank()) {
            throw new ToolCallException("give both entity and project (or path as entity/project)");
        }
        return new ProjectRef(entity.strip(), project.strip());
    }
}
