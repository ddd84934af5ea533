package io.launchpilot.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.launchpilot.queue.QueueChange.Action;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.WandbClient;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Background reconciliation switched on (as in {@code serve}) with pruning: the jobs are scheduled,
 * a changed spec file triggers a pass, and a managed queue no spec names is deleted. The jobs are
 * paused first and the passes called directly, so nothing depends on timing.
 */
@QuarkusTest
@TestProfile(QueueReconcilerScheduleTest.Reconciling.class)
class QueueReconcilerScheduleTest {

    static final String ENTITY = "lp-reconcile";

    /** Reconciliation on, hourly (it never ticks during the test), with pruning, over a directory of its own. */
    public static class Reconciling implements QuarkusTestProfile {
        static final Path CONFIG_DIR = Path.of("target", "reconcile-test-" + UUID.randomUUID());

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("launchpilot.queues.reconcile-every", "1h",
                    "launchpilot.queues.watch-interval", "1h",
                    "launchpilot.queues.prune", "true",
                    "launchpilot.config-dir", CONFIG_DIR.toString(),
                    "launchpilot.sandbox.simulator.enabled", "false");
        }
    }

    @Inject
    Scheduler scheduler;

    @Inject
    QueueReconciler reconciler;

    @Inject
    WandbClient wandb;

    @Test
    void filesChangesReconcileAndPruneDeletesManagedQueues() throws Exception {
        assertNotNull(scheduler.getScheduledJob(QueueReconciler.RECONCILE_JOB));
        assertNotNull(scheduler.getScheduledJob(QueueReconciler.WATCH_JOB));
        scheduler.pause(QueueReconciler.RECONCILE_JOB);
        scheduler.pause(QueueReconciler.WATCH_JOB);
        SandboxStats.reset();

        Path queues = Reconciling.CONFIG_DIR.resolve("queues");
        Specs.write(queues, "gpu.yaml", Specs.kubernetes(ENTITY, "gpu", "V0", "ml"));
        Specs.write(queues, "cpu.yaml", Specs.local(ENTITY, "cpu"));
        assertTrue(reconciler.reconcileIfFilesChanged(), "new files trigger a pass");
        assertEquals(List.of("cpu", "gpu"), names());

        SandboxStats before = SandboxStats.now();
        assertFalse(reconciler.reconcileIfFilesChanged(), "unchanged files do not");
        assertEquals(0, SandboxStats.now().since(before).size());

        Files.delete(queues.resolve("cpu.yaml"));
        assertTrue(reconciler.reconcileIfFilesChanged());
        assertEquals(List.of("gpu"), names(), "launchpilot.queues.prune=true deletes the managed orphan");

        QueueReconciler.Outcome quiet = reconciler.reconcile();
        assertEquals(List.of(Action.UNCHANGED), quiet.plan().changes().stream().map(QueueChange::action).toList());
        assertTrue(wandb.queue(new QueueRef(ENTITY, "gpu")).isPresent());
    }

    private List<String> names() {
        return wandb.queues(ENTITY).stream().map(queue -> queue.ref().name()).sorted().toList();
    }
}
