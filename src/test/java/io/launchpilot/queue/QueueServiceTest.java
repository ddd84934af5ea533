package io.launchpilot.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.launchpilot.queue.QueueChange.Action;
import io.launchpilot.wandb.ExternalLink;
import io.launchpilot.wandb.PrioritizationMode;
import io.launchpilot.wandb.Priority;
import io.launchpilot.store.Event;
import io.launchpilot.store.EventQuery;
import io.launchpilot.store.Store;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.QueueSpec;
import io.launchpilot.wandb.QueuedRun;
import io.launchpilot.wandb.RunQueue;
import io.launchpilot.wandb.WandbClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plan, apply, re-apply, prune, drift and enqueue against the embedded sandbox, counting the
 * GraphQL requests each costs through the sandbox's statistics.
 */
@QuarkusTest
class QueueServiceTest {

    static final String ENTITY = "lp-queues";

    @Inject
    QueueService service;

    @Inject
    QueueSpecLoader loader;

    @Inject
    QueueReconciler reconciler;

    @Inject
    EnqueueService enqueue;

    @Inject
    WandbClient wandb;

    @Inject
    DriftEvents driftEvents;

    @Inject
    Store store;

    @BeforeEach
    void emptySandbox() {
        SandboxStats.reset();
        reconciler.forget();
        driftEvents.drain();
    }

    private QueueSpecSet specs(String... texts) {
        return loader.parse("specs.yaml", String.join("---\n", texts));
    }

    private QueueSpecSet threeQueues() {
        return specs(Specs.kubernetes(ENTITY, "gpu", "V0", "ml"), Specs.kubernetes(ENTITY, "gpu-small", null, "ml"),
                Specs.local(ENTITY, "cpu"));
    }

    @Test
    void applyCreatesThenReApplyIsReadOnly() {
        SandboxStats before = SandboxStats.now();
        QueuePlan plan = service.plan(threeQueues(), PlanOptions.DEFAULT);
        assertEquals(List.of(Action.CREATE, Action.CREATE, Action.CREATE), actions(plan));
        assertEquals(Map.of("RunQueuesWithConfig", 1), SandboxStats.now().since(before));

        before = SandboxStats.now();
        ApplyResult first = service.apply(threeQueues(), PlanOptions.DEFAULT, false);
        assertEquals(3, first.applied().size());
        assertFalse(first.failed());
        // one read, one CreateProject for the entity (not one per queue), one upsert per queue
        assertEquals(Map.of("RunQueuesWithConfig", 1, "CreateProject", 1, "UpsertRunQueue", 3),
                SandboxStats.now().since(before));

        before = SandboxStats.now();
        ApplyResult again = service.apply(threeQueues(), PlanOptions.DEFAULT, false);
        assertEquals(List.of(Action.UNCHANGED, Action.UNCHANGED, Action.UNCHANGED), actions(again.plan()));
        assertEquals(List.of(), again.applied());
        assertEquals(Map.of("RunQueuesWithConfig", 1), SandboxStats.now().since(before));
        assertEquals(0, SandboxStats.now().mutationsSince(before));

        RunQueue gpu = wandb.queue(new QueueRef(ENTITY, "gpu")).orElseThrow();
        assertEquals(PrioritizationMode.V0, gpu.prioritizationMode());
        assertEquals("kubernetes", gpu.defaultResourceConfig().resourceType());
        assertEquals(Map.of("namespace", "ml", "resources", Map.of("limits", Map.of("nvidia.com/gpu", "{{gpus}}"))),
                gpu.defaultResourceConfig().resourceArgs());
        assertTrue(ManagedMarker.present(gpu));
        assertTrue(gpu.externalLinks().contains(new ExternalLink("dashboard", "https://grafana.example/d/launch")));
    }

    @Test
    void aChangedSpecIsAnUpdateWithItsFields() {
        service.apply(threeQueues(), PlanOptions.DEFAULT, false);
        QueueSpecSet changed = specs(Specs.kubernetes(ENTITY, "gpu", "V0", "research"),
                Specs.kubernetes(ENTITY, "gpu-small", "V0", "ml"), Specs.local(ENTITY, "cpu"));

        SandboxStats before = SandboxStats.now();
        ApplyResult result = service.apply(changed, PlanOptions.DEFAULT, false);
        assertEquals(List.of(Action.UPDATE, Action.UPDATE, Action.UNCHANGED), actions(result.plan()));
        assertEquals(List.of(new FieldChange("config.namespace", FieldChange.Kind.CHANGED, "ml", "research")),
                result.plan().changes().get(0).fields());
        assertEquals(List.of(new FieldChange("prioritization", FieldChange.Kind.CHANGED, "DISABLED", "V0")),
                result.plan().changes().get(1).fields());
        assertEquals(Map.of("RunQueuesWithConfig", 1, "UpsertRunQueue", 2), SandboxStats.now().since(before));
        assertEquals(List.of(Action.UNCHANGED, Action.UNCHANGED, Action.UNCHANGED),
                actions(service.plan(changed, PlanOptions.DEFAULT)));
    }

    @Test
    void dryRunChangesNothing() {
        SandboxStats before = SandboxStats.now();
        ApplyResult result = service.apply(threeQueues(), PlanOptions.DEFAULT, true);
        assertTrue(result.dryRun());
        assertEquals(3, result.plan().count(Action.CREATE));
        assertEquals(0, SandboxStats.now().mutationsSince(before));
        assertEquals(List.of(), wandb.queues(ENTITY));
    }

    @Test
    void pruneDeletesOnlyManagedQueues() {
        service.apply(threeQueues(), PlanOptions.DEFAULT, false);
        wandb.upsertQueue(new QueueSpec(new QueueRef(ENTITY, "by-hand"), "local-process", Map.of(), List.of(),
                PrioritizationMode.DISABLED, List.of()));
        QueueSpecSet fewer = specs(Specs.kubernetes(ENTITY, "gpu", "V0", "ml"));

        ApplyResult kept = service.apply(fewer, PlanOptions.DEFAULT, false);
        assertEquals(List.of(Action.UNCHANGED, Action.UNMANAGED, Action.ORPHANED, Action.ORPHANED),
                actions(kept.plan()));
        assertEquals(List.of("by-hand", "cpu", "gpu", "gpu-small"), names(wandb.queues(ENTITY)));

        SandboxStats before = SandboxStats.now();
        ApplyResult pruned = service.apply(fewer, new PlanOptions(true, false, Set.of()), false);
        assertEquals(List.of(Action.UNCHANGED, Action.UNMANAGED, Action.DELETE, Action.DELETE), actions(pruned.plan()));
        assertEquals(Map.of("RunQueuesWithConfig", 1, "DeleteRunQueues", 1), SandboxStats.now().since(before));
        assertEquals(List.of("by-hand", "gpu"), names(wandb.queues(ENTITY)));

        // an entity whose last spec is gone is reached through the entities option
        ApplyResult emptied = service.apply(specs(Specs.local("lp-other", "x")),
                new PlanOptions(true, false, Set.of(ENTITY)), false);
        assertEquals(List.of(Action.CREATE, Action.UNMANAGED, Action.DELETE), actions(emptied.plan()));
        assertEquals(List.of("by-hand"), names(wandb.queues(ENTITY)));
    }

    @Test
    void v0CannotGoBackToDisabledAndNothingIsApplied() {
        service.apply(threeQueues(), PlanOptions.DEFAULT, false);
        QueueSpecSet downgrade = specs(Specs.kubernetes(ENTITY, "gpu", "DISABLED", "ml"),
                Specs.kubernetes(ENTITY, "gpu-small", null, "changed"), Specs.local(ENTITY, "cpu"));
        SandboxStats before = SandboxStats.now();
        PlanRefusedException refused = assertThrows(PlanRefusedException.class,
                () -> service.apply(downgrade, PlanOptions.DEFAULT, false));
        assertTrue(refused.getMessage().contains("V0"), refused.getMessage());
        assertEquals(List.of(Action.REFUSED, Action.UPDATE, Action.UNCHANGED), actions(refused.plan()));
        assertEquals("specs.yaml:8:19", refused.plan().changes().get(0).position().toString());
        assertEquals(0, SandboxStats.now().mutationsSince(before), "a refused plan is not applied in part");
    }

    @Test
    void reconciliationPutsBackHandMadeChangesAndReportsDrift(@org.junit.jupiter.api.io.TempDir Path directory) {
        Specs.write(directory, "gpu.yaml", Specs.kubernetes(ENTITY, "gpu", "V0", "ml"));
        Specs.write(directory, "cpu.yaml", Specs.local(ENTITY, "cpu"));
        QueueReconciler.Outcome first = reconciler.reconcile(directory, false);
        assertEquals(2, first.result().applied().size());
        assertEquals(List.of(), first.drift(), "creating from the specs is no drift");

        // someone edits the queue in W&B: the UI keeps the links, so the marker stays
        QueueDefinition gpu = loader.load(List.of(directory.resolve("gpu.yaml"))).queues().get(0);
        QueueSpec sent = QueuePlanner.toWandb(gpu);
        wandb.upsertQueue(new QueueSpec(sent.queue(), sent.resourceType(), Map.of("namespace", "default"),
                sent.templateVariables(), sent.prioritizationMode(), sent.externalLinks()));
        wandb.deleteQueues(List.of(wandb.queue(new QueueRef(ENTITY, "cpu")).orElseThrow().id()));

        QueueReconciler.Outcome second = reconciler.reconcile(directory, false);
        List<QueueDriftCorrected> events = driftEvents.drain();
        assertEquals(second.drift(), events);
        assertEquals(2, events.size());
        QueueDriftCorrected changed = event(events, "gpu");
        assertEquals(QueueDriftCorrected.Kind.CHANGED, changed.kind());
        assertEquals(List.of("config.namespace", "config.resources"), changed.fields());
        assertEquals(QueueDriftCorrected.Kind.DELETED, event(events, "cpu").kind());
        List<Event> recorded = store.events(new EventQuery(QueueDriftRecorder.TYPE, ENTITY + "/gpu", null, 10, false))
                .items();
        assertEquals(1, recorded.size(), "the drift is in the event ledger");
        assertEquals("changed", recorded.get(0).payload().get("kind").asText());
        assertEquals("config.namespace", recorded.get(0).payload().get("fields").get(0).asText());
        assertEquals(1, store.events(new EventQuery(QueueDriftRecorder.TYPE, ENTITY + "/cpu", null, 10, false))
                .items().size());
        assertEquals(Map.of("namespace", "ml", "resources", Map.of("limits", Map.of("nvidia.com/gpu", "{{gpus}}"))),
                wandb.queue(new QueueRef(ENTITY, "gpu")).orElseThrow().defaultResourceConfig().resourceArgs());

        // a spec change is not drift
        Specs.write(directory, "gpu.yaml", Specs.kubernetes(ENTITY, "gpu", "V0", "research"));
        QueueReconciler.Outcome third = reconciler.reconcile(directory, false);
        assertEquals(1, third.result().applied().size());
        assertEquals(List.of(), driftEvents.drain());
    }

    @Test
    void reconciliationNeverDeletesWithoutPruneAndSkipsInvalidSpecs(@org.junit.jupiter.api.io.TempDir Path directory)
            throws Exception {
        Specs.write(directory, "gpu.yaml", Specs.kubernetes(ENTITY, "gpu", "V0", "ml"));
        Specs.write(directory, "cpu.yaml", Specs.local(ENTITY, "cpu"));
        reconciler.reconcile(directory, false);
        Files.delete(directory.resolve("cpu.yaml"));
        QueueReconciler.Outcome outcome = reconciler.reconcile(directory, false);
        assertEquals(List.of(Action.UNCHANGED, Action.ORPHANED), actions(outcome.plan()));
        assertEquals(List.of("cpu", "gpu"), names(wandb.queues(ENTITY)));

        Specs.write(directory, "broken.yaml", "apiVersion: launchpilot/v1\nkind: RunQueue\n");
        SandboxStats before = SandboxStats.now();
        QueueReconciler.Outcome skipped = reconciler.reconcile(directory, false);
        assertTrue(skipped.skipped().contains("broken.yaml:1:1"), skipped.skipped());
        assertEquals(0, SandboxStats.now().since(before).size(), "invalid specs cost no request");
    }

    @Test
    void enqueueChecksValuesBeforePushing() {
        service.apply(threeQueues(), PlanOptions.DEFAULT, false);
        QueueRef gpu = new QueueRef(ENTITY, "gpu");

        QueuedRun queued = enqueue.enqueue(new EnqueueRequest(gpu, null, "python:3.12", Map.of("gpus", "4"),
                Priority.HIGH, Map.of("lr", 0.1), "vision"));
        RunQueue after = wandb.queue(gpu).orElseThrow();
        assertEquals(queued.itemId(), after.items().get(0).id());

        SandboxStats before = SandboxStats.now();
        EnqueueRejectedException tooMany = assertThrows(EnqueueRejectedException.class, () -> enqueue.enqueue(
                new EnqueueRequest(gpu, null, "python:3.12", Map.of("gpus", "9"), null, null, null)));
        assertEquals(List.of(new EnqueueRejectedException.Violation("vars.gpus", "must be at most 8, got 9")),
                tooMany.violations());
        EnqueueRejectedException noPriority = assertThrows(EnqueueRejectedException.class, () -> enqueue.enqueue(
                new EnqueueRequest(new QueueRef(ENTITY, "gpu-small"), "acme/p/job:latest", null, Map.of(),
                        Priority.CRITICAL, null, null)));
        assertEquals("priority", noPriority.violations().get(0).field());
        assertTrue(noPriority.violations().get(0).reason().contains("DISABLED"));
        assertEquals(0, SandboxStats.now().mutationsSince(before), "nothing is pushed");
        assertThrows(QueueNotFoundException.class, () -> enqueue.enqueue(
                new EnqueueRequest(new QueueRef(ENTITY, "nope"), "j", null, Map.of(), null, null, null)));
    }

    private static QueueDriftCorrected event(List<QueueDriftCorrected> events, String queue) {
        return events.stream().filter(event -> event.queue().name().equals(queue)).findFirst().orElseThrow();
    }

    private static List<Action> actions(QueuePlan plan) {
        return plan.changes().stream().map(QueueChange::action).toList();
    }

    private static List<String> names(List<io.launchpilot.wandb.RunQueueSummary> queues) {
        List<String> names = new ArrayList<>(queues.stream().map(queue -> queue.ref().name()).toList());
        names.sort(null);
        return names;
    }
}
