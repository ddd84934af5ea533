package io.launchpilot.mcp;

import io.launchpilot.queue.ApplyResult;
import io.launchpilot.queue.EnqueueRequest;
import io.launchpilot.queue.EnqueueService;
import io.launchpilot.queue.PlanOptions;
import io.launchpilot.queue.QueueNotFoundException;
import io.launchpilot.queue.QueuePlan;
import io.launchpilot.queue.QueueService;
import io.launchpilot.queue.QueueSpecLoader;
import io.launchpilot.queue.QueueSpecSet;
import io.launchpilot.queue.QueueView;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.QueuedRun;
import io.launchpilot.wandb.RunQueueItem;
import io.launchpilot.wandb.WandbClient;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkiverse.mcp.server.ToolGuardrails;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Queues as code for agents: the same services as {@code launchpilot queues ...}, {@code enqueue} and the REST API. */
@ToolErrors
public class QueueTools {

    /** An entity's queues, at most {@code limit} of {@code total}. */
    @RegisterForReflection
    public record QueueList(String entity, List<QueueView> queues, int total, boolean truncated) {
    }

    /** One queue with its newest items, at most {@code limit} of {@code itemCount}. */
    @RegisterForReflection
    public record QueueDetail(QueueView queue, int itemCount, boolean itemsTruncated) {
    }

    /** The source name of specs given to a tool, in problem positions ({@code specs:3:5: ...}). */
    static final String SPECS = "specs";

    private final QueueService queues;
    private final QueueSpecLoader loader;
    private final EnqueueService enqueue;
    private final WandbClient wandb;

    QueueTools(QueueService queues, QueueSpecLoader loader, EnqueueService enqueue, WandbClient wandb) {
        this.queues = queues;
        this.loader = loader;
        this.enqueue = enqueue;
        this.wandb = wandb;
    }

    @Tool(name = "list_queues", structuredContent = true,
            description = "List the W&B Launch run queues of an entity with their settings: resource type, prioritization,"
                    + " resource config, template variables, external links, and managed (true when Launchpilot manages"
                    + " the queue from a spec). Items are not included; use get_queue for one queue's items."
                    + " Costs one W&B request.",
            annotations = @Annotations(title = "List run queues", readOnlyHint = true, destructiveHint = false,
                    idempotentHint = true, openWorldHint = true))
    public QueueList listQueues(
            @ToolArg(description = "W&B entity (user or team) that owns the queues. Default: the configured entity"
                    + " (WANDB_ENTITY), else the API key's own.", required = false) String entity,
            @ToolArg(description = ResultLimit.DESCRIPTION, defaultValue = "50") int limit) {
        ResultLimit.check(limit);
        String owner = entity != null && !entity.isBlank() ? entity.strip()
                : wandb.defaultEntity().orElseThrow(() -> new ToolCallException(
                        "no entity given and none configured (WANDB_ENTITY): pass entity"));
        if (owner.contains("/")) {
            throw new ToolCallException("entity must be an entity name without '/', got \"" + owner + "\"");
        }
        List<QueueView> all = queues.list(owner);
        return new QueueList(owner, all.stream().limit(limit).toList(), all.size(), all.size() > limit);
    }

    @Tool(name = "get_queue", structuredContent = true,
            description = "Show one W&B Launch run queue: its settings (as list_queues) and its items (pending, leased,"
                    + " claimed or failed runs), newest first, up to limit. Fails if the queue does not exist.",
            annotations = @Annotations(title = "Get a run queue", readOnlyHint = true, destructiveHint = false,
                    idempotentHint = true, openWorldHint = true))
    public QueueDetail getQueue(
            @ToolArg(description = "The queue as entity/queue, e.g. acme/gpu-a100.") String queue,
            @ToolArg(description = "Most items to return, 1 to 500 (default 50); itemsTruncated says when more exist.",
                    defaultValue = "50") int limit) {
        ResultLimit.check(limit);
        QueueRef ref = QueueRef.parse(queue);
        QueueView found = queues.get(ref).orElseThrow(() -> new QueueNotFoundException(ref));
        List<RunQueueItem> items = found.items() == null ? List.of() : found.items();
        List<RunQueueItem> newest = items.stream()
                .sorted(Comparator.comparing(RunQueueItem::createdAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(limit)
                .toList();
        QueueView cut = new QueueView(found.entity(), found.name(), found.id(), found.resource(), found.prioritization(),
                found.managed(), found.access(), found.createdBy(), found.createdAt(), found.updatedAt(), found.config(),
                found.templateVariables(), found.externalLinks(), newest);
        return new QueueDetail(cut, items.size(), items.size() > limit);
    }

    @Tool(name = "plan_queues", structuredContent = true,
            description = "Show what apply_queues would do with these queue specs, queue by queue: create, update (with"
                    + " each changed field, before and after), unchanged, orphaned (managed by Launchpilot, no longer in"
                    + " the specs), unmanaged (left alone), delete (with prune) or refused (a change W&B cannot make)."
                    + " Changes nothing. Specs are YAML or JSON: one or more documents of apiVersion: launchpilot/v1,"
                    + " kind: RunQueue, metadata {name, entity}, spec {resource, prioritization, config,"
                    + " templateVariables, externalLinks}. Invalid specs fail with every problem at specs:line:column.",
            annotations = @Annotations(title = "Plan run queues", readOnlyHint = true, destructiveHint = false,
                    idempotentHint = true, openWorldHint = true))
    public QueuePlan planQueues(
            @ToolArg(description = "The queue specs, YAML or JSON text.") String specs,
            @ToolArg(description = "Plan to delete the managed queues of the same entities that the specs do not name.",
                    defaultValue = "false") boolean prune) {
        return queues.plan(parse(specs), new PlanOptions(prune, false, Set.of()));
    }

    @Tool(name = "apply_queues", structuredContent = true,
            description = "Make W&B's run queues what these specs say: create and update queues (and with prune delete"
                    + " managed queues the specs no longer name). Requires confirm: true; call plan_queues first and show"
                    + " the plan. A plan with a refused change is not applied at all. Returns the plan and what was"
                    + " applied; fails, naming each queue, if W&B refused some changes (the others were applied)."
                    + " Specs as for plan_queues.",
            annotations = @Annotations(title = "Apply run queues", readOnlyHint = false, destructiveHint = true,
                    idempotentHint = true, openWorldHint = true))
    @ToolGuardrails(input = WriteAccess.class)
    public ApplyResult applyQueues(
            @ToolArg(description = "The queue specs, YAML or JSON text.") String specs,
            @ToolArg(description = "Must be true: applying changes W&B. Anything else applies nothing.",
                    defaultValue = "false") boolean confirm,
            @ToolArg(description = "Also delete the managed queues of the same entities that the specs do not name.",
                    defaultValue = "false") boolean prune) {
        QueueSpecSet set = parse(specs);
        if (!confirm) {
            throw new ToolCallException("apply_queues changes W&B and needs confirm: true; nothing was applied."
                    + " Call plan_queues to see what it would do.");
        }
        ApplyResult result = queues.apply(set, new PlanOptions(prune, false, Set.of()), false);
        if (result.failed()) {
            throw new ToolCallException(result.failures().size() + " of " + (result.failures().size()
                    + result.applied().size()) + " changes failed in W&B (the others were applied): "
                    + String.join("; ", result.failures().stream()
                            .map(failure -> failure.queue().path() + " " + failure.action() + ": " + failure.error())
                            .toList()));
        }
        return result;
    }

    @Tool(name = "enqueue_run", structuredContent = true,
            description = "Put a run on a W&B Launch queue, checked first against the queue as W&B holds it: template"
                    + " variable values against their schema (type, minimum, maximum, enum, required without default),"
                    + " and a priority only on a V0 (prioritized) queue. A run that does not fit is refused with every"
                    + " broken rule and nothing is sent. Give exactly one of job and image. Returns the queue item id.",
            annotations = @Annotations(title = "Enqueue a run", readOnlyHint = false, destructiveHint = false,
                    idempotentHint = false, openWorldHint = true))
    @ToolGuardrails(input = WriteAccess.class)
    public QueuedRun enqueueRun(
            @ToolArg(description = "The queue as entity/queue, e.g. acme/gpu-a100.") String queue,
            @ToolArg(description = "A W&B job artifact, e.g. acme/vision/train:latest.", required = false) String job,
            @ToolArg(description = "A container image, e.g. python:3.12.", required = false) String image,
            @ToolArg(description = "Values for the queue's template variables by name, e.g. {\"gpus\": 2};"
                    + " get_queue shows the variables and their schemas.", required = false) Map<String, Object> vars,
            @ToolArg(description = "critical, high, medium or low (V0 queues only; critical goes first).",
                    required = false) String priority,
            @ToolArg(description = "The run config (overrides.run_config), a JSON object.", required = false)
            Map<String, Object> config,
            @ToolArg(description = "The W&B project the run logs to.", required = false) String project) {
        QueueRef ref = QueueRef.parse(queue);
        return enqueue.enqueue(new EnqueueRequest(ref, job, image, vars, EnqueueRequest.priority(ref, priority), config,
                project));
    }

    private QueueSpecSet parse(String specs) {
        if (specs == null || specs.isBlank()) {
            throw new ToolCallException("specs is empty: give one or more RunQueue specs as YAML or JSON text");
        }
        // tabs are whitespace to JSON but not to YAML's scanner; one for one keeps every column
        return loader.parse(SPECS, specs.replace('\t', ' '));
    }
}
