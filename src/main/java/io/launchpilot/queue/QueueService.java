package io.launchpilot.queue;

import io.launchpilot.RunMode;
import io.launchpilot.queue.QueueChange.Action;
import io.launchpilot.wandb.EntityRunQueues;
import io.launchpilot.wandb.ProjectRef;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.RunQueue;
import io.launchpilot.wandb.WandbClient;
import io.launchpilot.wandb.WandbException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Queues as code: plans a set of specs against W&B and applies the plan. Reading costs one request
 * for up to 25 entities ({@link WandbClient#queuesWithConfig}); applying costs one
 * {@code UpsertRunQueue} per queue to create or update, one {@code CreateProject} per entity that has
 * no queue project yet, and one {@code DeleteRunQueues} for all pruned queues. An unchanged set sends
 * no mutation at all.
 */
@ApplicationScoped
public class QueueService {

    private static final Logger LOG = Logger.getLogger(QueueService.class);

    private final WandbClient wandb;
    /** A one-shot command prints what it did itself; the service logs it at INFO. */
    private final Logger.Level changeLevel;
    /** One apply at a time in this process: the REST API, the CLI and reconciliation share W&B. */
    private final ReentrantLock applying = new ReentrantLock();

    QueueService(WandbClient wandb, @ConfigProperty(name = "launchpilot.run-mode") Optional<String> runMode) {
        this.wandb = wandb;
        this.changeLevel = RunMode.configured(runMode) == RunMode.COMMAND ? Logger.Level.DEBUG : Logger.Level.INFO;
    }

    /** The plan for the specs, read from W&B in one request (per 25 entities). */
    public QueuePlan plan(QueueSpecSet specs, PlanOptions options) {
        return QueuePlanner.plan(specs.queues(), live(specs, options), options.prune(), options.onlySpecs());
    }

    /**
     * Plans and applies. A plan with a refused change is not applied at all; otherwise each queue is
     * applied on its own, so that one W&B failure does not stop the others (they are reported).
     *
     * @throws PlanRefusedException if the plan holds a change W&B cannot make
     */
    public ApplyResult apply(QueueSpecSet specs, PlanOptions options, boolean dryRun) {
        applying.lock();
        try {
            List<EntityRunQueues> live = live(specs, options);
            QueuePlan plan = QueuePlanner.plan(specs.queues(), live, options.prune(), options.onlySpecs());
            if (!plan.refused().isEmpty()) {
                throw new PlanRefusedException(plan);
            }
            if (dryRun) {
                return new ApplyResult(plan, true, List.of(), List.of(), List.of());
            }
            return execute(plan, live);
        } finally {
            applying.unlock();
        }
    }

    private ApplyResult execute(QueuePlan plan, List<EntityRunQueues> live) {
        Set<String> withoutProject = new LinkedHashSet<>();
        live.stream().filter(entity -> !entity.projectExists()).forEach(entity -> withoutProject.add(entity.entity()));
        List<QueueChange> applied = new ArrayList<>();
        List<ApplyResult.Failure> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (QueueChange change : plan.changes()) {
            if (change.action() != Action.CREATE && change.action() != Action.UPDATE) {
                continue;
            }
            QueueRef queue = change.queue();
            try {
                if (withoutProject.contains(queue.entity())) {
                    wandb.ensureProject(new ProjectRef(queue.entity(), WandbClient.LAUNCH_PROJECT));
                    withoutProject.remove(queue.entity());
                }
                wandb.upsertQueueInExistingProject(QueuePlanner.toWandb(change.spec()))
                        .forEach(warning -> warnings.add(queue.path() + ": " + warning));
                applied.add(change);
                LOG.logf(changeLevel, "queue %s: %s%s", queue.path(), change.action().label(),
                        change.fields().isEmpty() ? "" : " " + fieldNames(change));
            } catch (WandbException | IllegalArgumentException e) {
                failures.add(new ApplyResult.Failure(queue, change.action().label(), e.getMessage()));
                LOG.warnf("queue %s: %s failed: %s", queue.path(), change.action().label(), e.getMessage());
            }
        }
        List<QueueChange> deletes = plan.with(Action.DELETE);
        if (!deletes.isEmpty()) {
            try {
                wandb.deleteQueues(deletes.stream().map(QueueChange::liveId).toList());
                applied.addAll(deletes);
                deletes.forEach(change -> LOG.logf(changeLevel, "queue %s: deleted (pruned)", change.queue().path()));
            } catch (WandbException e) {
                deletes.forEach(change -> failures.add(new ApplyResult.Failure(change.queue(), "delete", e.getMessage())));
                LOG.warnf("pruning %d queues failed: %s", deletes.size(), e.getMessage());
            }
        }
        return new ApplyResult(plan, false, applied, failures, warnings);
    }

    /** The queues of an entity with their settings (no items), in one request. */
    public List<QueueView> list(String entity) {
        return wandb.queuesWithConfig(List.of(entity)).get(0).queues().stream()
                .map(queue -> QueueView.of(queue, false))
                .toList();
    }

    /** One queue with its items, or empty. */
    public Optional<QueueView> get(QueueRef queue) {
        return wandb.queue(queue).map(found -> QueueView.of(found, true));
    }

    /**
     * Deletes one queue. Unless {@code force}, only a queue Launchpilot manages.
     *
     * @throws QueueNotFoundException if there is no such queue
     * @throws QueueNotManagedException if it is not managed and {@code force} is false
     */
    public void delete(QueueRef queue, boolean force) {
        RunQueue found = wandb.queueSettings(queue).orElseThrow(() -> new QueueNotFoundException(queue));
        if (!force && !ManagedMarker.present(found)) {
            throw new QueueNotManagedException(queue);
        }
        wandb.deleteQueues(List.of(found.id()));
        LOG.logf(changeLevel, "queue %s: deleted", queue.path());
    }

    private List<EntityRunQueues> live(QueueSpecSet specs, PlanOptions options) {
        Set<String> entities = new LinkedHashSet<>();
        specs.queues().forEach(queue -> entities.add(queue.ref().entity()));
        options.entities().stream().sorted().forEach(entities::add);
        return entities.isEmpty() ? List.of() : wandb.queuesWithConfig(entities);
    }

    private static String fieldNames(QueueChange change) {
        return "(" + String.join(", ", change.fields().stream().map(FieldChange::field).toList()) + ")";
    }
}
