package io.launchpilot.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.launchpilot.filter.RunFilter;
import io.launchpilot.filter.RunOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    private static final Duration TICK = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Sandbox sandbox;

    @BeforeEach
    void seedDemo() {
        sandbox = new Sandbox();
        sandbox.demo.seed();
    }

    private List<Run> runs(String entity, String project) {
        return sandbox.runs.page(new ProjectRef(entity, project), RunFilter.all(), RunOrder.parse(null), null, null).nodes();
    }

    private Map<String, Run> byName(List<Run> runs) {
        return runs.stream().collect(Collectors.toMap(r -> r.ref().name(), r -> r));
    }

    @Test
    void demoHasASweepWithFinishedAndRunningRunsAndAQueue() {
        List<Run> vision = runs(DemoData.ENTITY, DemoData.PROJECT);
        assertTrue(vision.stream().filter(r -> r.state().equals("finished")).count() >= 3);
        assertTrue(vision.stream().filter(r -> r.state().equals("running")).count() >= 2);
        Sweep sweep = sandbox.sweeps.page(new ProjectRef(DemoData.ENTITY, DemoData.PROJECT), RunFilter.all(), null, null)
                .nodes().get(0);
        assertEquals("bayes", sweep.method());
        assertEquals(Optional.of("val_acc"), sweep.metricName());
        assertTrue(sweep.maximizes());
        assertTrue(sandbox.queues.find(new ProjectRef(DemoData.ENTITY, QueueService.LAUNCH_PROJECT), DemoData.QUEUE).isPresent());
    }

    @Test
    void runningDemoRunsProgressHeartbeatAndFinish() {
        Simulator simulator = sandbox.simulator(TIMEOUT, 1);
        Run running = runs(DemoData.ENTITY, DemoData.PROJECT).stream().filter(r -> r.state().equals("running"))
                .findFirst().orElseThrow();
        int step = ((Number) running.summary().get("_step")).intValue();

        sandbox.clock.advance(TICK);
        simulator.step();

        Run after = sandbox.runs.get(running.ref());
        assertEquals(step + Simulator.STEPS_PER_TICK, ((Number) after.summary().get("_step")).intValue());
        assertEquals(sandbox.clock.instant(), after.heartbeatAt());
        assertNotNull(after.summary().get("val_acc"));

        for (int i = 0; i < 200; i++) {
            sandbox.clock.advance(TICK);
            simulator.step();
        }
        Run later = sandbox.runs.get(running.ref());
        assertTrue(Set.of("finished", "crashed").contains(later.state()), later.state());
    }

    @Test
    void aStalledRunIsMarkedCrashedAfterTheTimeoutWithoutANewHeartbeat() {
        Simulator simulator = sandbox.simulator(TIMEOUT, 3);
        Map<RunRef, Instant> lastBeat = new HashMap<>();
        boolean crashed = false;
        for (int tick = 0; tick < 2000 && !crashed; tick++) {
            sandbox.clock.advance(TICK);
            runs(DemoData.ENTITY, DemoData.PROJECT).forEach(r -> lastBeat.put(r.ref(), r.heartbeatAt()));
            simulator.step();
            for (Run run : runs(DemoData.ENTITY, DemoData.PROJECT)) {
                if (run.state().equals("crashed")) {
                    crashed = true;
                    assertEquals(lastBeat.get(run.ref()), run.heartbeatAt(), "crash marking must not heartbeat");
                    assertTrue(!run.heartbeatAt().plus(TIMEOUT).isAfter(sandbox.clock.instant()),
                            "crashed only after the heartbeat timeout");
                }
            }
        }
        assertTrue(crashed, "with a 1% stall chance per tick some demo run crashes within 2000 ticks");
    }

    @Test
    void theSimulatedAgentClaimsDemoItemsAndTheirRunsProgress() {
        Simulator simulator = sandbox.simulator(TIMEOUT, 1);
        RunQueue queue = sandbox.queues.find(new ProjectRef(DemoData.ENTITY, QueueService.LAUNCH_PROJECT), DemoData.QUEUE)
                .orElseThrow();
        QueueItem item = sandbox.queues.push(queue.id(), Map.of("project", "vision", "name", "from-queue",
                "overrides", Map.of("run_config", Map.of("lr", 0.02))), 1, Map.of("cpus", 4)).item();

        simulator.step();

        QueueItem claimed = sandbox.queues.item(item.id()).orElseThrow();
        assertEquals("CLAIMED", claimed.state());
        Run run = sandbox.runs.get(new RunRef(DemoData.ENTITY, "vision", claimed.associatedRunId()));
        assertEquals("from-queue", run.displayName());
        assertEquals(0.02, ((Map<?, ?>) run.config().get("lr")).get("value"));
        assertTrue(run.simulated());

        sandbox.clock.advance(TICK);
        simulator.step();
        assertEquals(sandbox.clock.instant(), sandbox.runs.get(run.ref()).heartbeatAt());
    }

    @Test
    void runsAndItemsOutsideTheSimulationNeverMove() {
        Simulator simulator = sandbox.simulator(TIMEOUT, 1);
        Run mine = sandbox.runs.create(new RunService.NewRun(new ProjectRef(DemoData.ENTITY, DemoData.PROJECT), null,
                "made-by-a-test", "running", Map.of(), Map.of("loss", 1.0), List.of(), null, null, null, null, null,
                null, false));
        Run elsewhere = sandbox.runs.create(new RunService.NewRun(new ProjectRef("acme", "p"), null, null, "running",
                Map.of(), Map.of(), List.of(), null, null, null, null, null, null, false));
        ProjectRef acmeLaunch = new ProjectRef("acme", QueueService.LAUNCH_PROJECT);
        sandbox.queues.upsert(acmeLaunch, "q", "local-process", Map.of(), null, null, null);
        QueueItem item = sandbox.queues.push(sandbox.queues.find(acmeLaunch, "q").orElseThrow().id(), Map.of(), null,
                Map.of()).item();

        for (int i = 0; i < 50; i++) {
            sandbox.clock.advance(TICK);
            simulator.step();
        }

        assertEquals(mine, sandbox.runs.get(mine.ref()));
        assertEquals(elsewhere, sandbox.runs.get(elsewhere.ref()));
        assertEquals("PENDING", sandbox.queues.item(item.id()).orElseThrow().state());
    }

    @Test
    void theJobDoesNothingWhenTheSimulatorIsDisabled() {
        Simulator simulator = sandbox.simulator(TIMEOUT, 1);
        List<Run> before = runs(DemoData.ENTITY, DemoData.PROJECT);
        RunQueue queue = sandbox.queues.find(new ProjectRef(DemoData.ENTITY, QueueService.LAUNCH_PROJECT), DemoData.QUEUE)
                .orElseThrow();
        QueueItem item = sandbox.queues.push(queue.id(), Map.of(), null, Map.of()).item();
        SimulatorJob disabled = new SimulatorJob(simulator, config(false), new SandboxActivation(
                Optional.of("sandbox"), Optional.empty()));

        for (int i = 0; i < 20; i++) {
            sandbox.clock.advance(TICK);
            disabled.tick();
        }

        assertEquals(byName(before), byName(runs(DemoData.ENTITY, DemoData.PROJECT)));
        assertEquals("PENDING", sandbox.queues.item(item.id()).orElseThrow().state());

        SimulatorJob enabled = new SimulatorJob(simulator, config(true), new SandboxActivation(
                Optional.of("sandbox"), Optional.empty()));
        enabled.tick();
        assertEquals("CLAIMED", sandbox.queues.item(item.id()).orElseThrow().state());
    }

    private static SandboxConfig config(boolean enabled) {
        return () -> new SandboxConfig.Simulator() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Duration tickInterval() {
                return TICK;
            }

            @Override
            public Duration heartbeatTimeout() {
                return TIMEOUT;
            }
        };
    }
}
