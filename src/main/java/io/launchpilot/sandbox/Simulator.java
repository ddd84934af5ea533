package io.launchpilot.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Brings the demo to life, one {@link #step()} at a time: the simulator's own runs (seeded demo
 * runs and runs its agent started) log metrics, heartbeat and finish; now and then one stops
 * heart-beating and is marked {@code crashed} after the heartbeat timeout, with no new heartbeat;
 * a launch agent claims the items pending in the demo entity's queues and starts runs for them;
 * and the demo sweep starts new runs while it is RUNNING. Nothing else is ever touched.
 */
@ApplicationScoped
public class Simulator {

    /** Steps a simulated run logs per tick. */
    static final int STEPS_PER_TICK = 5;
    /** Chance per tick that a running simulated run stops heart-beating. */
    static final double STALL_CHANCE = 0.01;
    /**
     * Runs the demo sweep keeps going at once, and the most it ever has: the demo seeds that many, so it
     * finishes once its running ones do, within a minute of starting, for the demo policy to act on.
     */
    static final int SWEEP_PARALLELISM = 2;
    static final int SWEEP_MAX_RUNS = 6;

    private static final Logger LOG = Logger.getLogger(Simulator.class);

    private final RunService runs;
    private final QueueService queues;
    private final SweepService sweeps;
    private final ArtifactService artifacts;
    private final SandboxStore store;
    private final Clock clock;
    private final Duration heartbeatTimeout;
    private final Random random;
    private final Set<RunRef> stalled = ConcurrentHashMap.newKeySet();

    @Inject
    Simulator(RunService runs, QueueService queues, SweepService sweeps, ArtifactService artifacts, SandboxStore store,
              Clock clock, SandboxConfig config) {
        this(runs, queues, sweeps, artifacts, store, clock, config.simulator().heartbeatTimeout(), new Random());
    }

    Simulator(RunService runs, QueueService queues, SweepService sweeps, ArtifactService artifacts, SandboxStore store,
              Clock clock, Duration heartbeatTimeout, Random random) {
        this.runs = runs;
        this.queues = queues;
        this.sweeps = sweeps;
        this.artifacts = artifacts;
        this.store = store;
        this.clock = clock;
        this.heartbeatTimeout = heartbeatTimeout;
        this.random = random;
    }

    /** One tick of the simulation at the clock's current time; one failure never stops the rest. */
    public void step() {
        Instant now = clock.instant();
        for (Run run : simulatedRuns()) {
            guarded("run " + run.ref(), () -> advance(run, now));
        }
        for (RunQueue queue : queues.ofEntity(DemoData.ENTITY)) {
            guarded("queue " + queue.name(), () -> claimNext(queue));
        }
        for (Sweep sweep : simulatedSweeps()) {
            guarded("sweep " + sweep.name(), () -> continueSweep(sweep));
        }
    }

    /**
     * Metrics of a training run at {@code step}: {@code val_acc} climbs toward a ceiling that
     * depends on the learning rate, {@code loss} falls. {@code noise} is added to both.
     */
    static Map<String, Object> metrics(Run run, int step, double noise) {
        double lr = run.config().get("lr") instanceof Map<?, ?> wrapped && wrapped.get("value") instanceof Number n
                ? n.doubleValue() : 0.01;
        double ceiling = 0.93 - 0.08 * Math.abs(Math.log10(lr) + 2.3) + (Math.abs(run.ref().name().hashCode()) % 20) / 1000.0;
        double progress = 1 - Math.exp(-step / 30.0);
        double valAcc = Math.max(0, Math.min(1, ceiling * progress + noise));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("_step", step);
        summary.put("epoch", step / 10);
        summary.put("loss", round(Math.max(0.01, 2.3 * Math.exp(-step / 25.0) + (1 - ceiling) * 0.5 - noise)));
        summary.put("val_acc", round(valAcc));
        return summary;
    }

    /** How many steps a simulated run trains for, fixed per run. */
    static int targetSteps(Run run) {
        return 60 + Math.abs(run.ref().name().hashCode()) % 60;
    }

    private void advance(Run run, Instant now) {
        if (!run.state().equals("running")) {
            stalled.remove(run.ref());
            return;
        }
        if (stalled.contains(run.ref())) {
            if (!run.heartbeatAt().plus(heartbeatTimeout).isAfter(now)) {
                runs.update(run.ref(), RunPatch.state("crashed"));
                stalled.remove(run.ref());
            }
            return;
        }
        if (random.nextDouble() < STALL_CHANCE) {
            stalled.add(run.ref());
            return;
        }
        int step = (run.summary().get("_step") instanceof Number n ? n.intValue() : 0) + STEPS_PER_TICK;
        boolean done = step >= targetSteps(run);
        Map<String, Object> summary = new LinkedHashMap<>(run.summary());
        summary.putAll(metrics(run, step, (random.nextDouble() - 0.5) * 0.01));
        runs.update(run.ref(), new RunPatch(null, done ? "finished" : null, null, summary, null, null, null, null,
                null, true));
        if (done && run.sweep() != null) {
            logModel(artifacts, run, summary);
        }
    }

    /** What a sweep's training run leaves behind: its weights as {@code model-<run id>}, as W&B's integrations name it. */
    static void logModel(ArtifactService artifacts, Run run, Map<String, Object> summary) {
        artifacts.log(run.ref().projectRef(), run.ref(), "model", "model-" + run.ref().name(), List.of(),
                "Weights of run " + run.ref().name(), Map.of("val_acc", summary.get("val_acc")));
    }

    /** The simulated agent: the first pending item becomes a run in the demo entity. */
    private void claimNext(RunQueue queue) {
        Optional<QueueItem> leased = queues.pop(queue.project(), queue.name(), "simulated-agent");
        if (leased.isEmpty()) {
            return;
        }
        Map<String, Object> spec = leased.get().runSpec();
        String project = spec.get("project") instanceof String p && !p.isBlank() ? p : DemoData.PROJECT;
        ProjectRef target = new ProjectRef(queue.project().entity(), project);
        String sweep = spec.get("sweep_id") instanceof String s && sweeps.find(target, s).isPresent() ? s : null;
        Map<String, Object> config = spec.get("overrides") instanceof Map<?, ?> overrides
                && overrides.get("run_config") instanceof Map<?, ?> runConfig ? Json.stringKeys(runConfig) : Map.of();
        try {
            Run run = runs.create(new RunService.NewRun(target, null,
                    spec.get("name") instanceof String name ? name : null, "running", Configs.wrap(config),
                    Map.of(), List.of("launch"), null, "launch", sweep, null, null, "simulated-agent", true));
            queues.ack(leased.get().id(), run.ref().name());
        } catch (SandboxException e) {
            queues.fail(leased.get().id(), new QueueItem.Failure(e.getMessage(), "run", List.of()));
        }
    }

    /** The demo sweep's agent: keeps a couple of runs going until it has started enough. */
    private void continueSweep(Sweep sweep) {
        List<Run> ofSweep = runs.ofSweep(sweep.project(), sweep.name());
        long running = ofSweep.stream().filter(r -> r.state().equals("running")).count();
        if (ofSweep.size() >= SWEEP_MAX_RUNS) {
            if (running == 0) {
                sweeps.update(sweep.id(), null, "FINISHED", null, null);
            }
            return;
        }
        if (running < SWEEP_PARALLELISM) {
            runs.create(new RunService.NewRun(sweep.project(), null, null, "running",
                    Configs.wrap(DemoData.sweepConfig(random)), Map.of("_step", 0), List.of("sweep"), null,
                    "train", sweep.name(), null, null, "demo-gpu-1", true));
        }
    }

    private static void guarded(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "sandbox simulator skipped %s this tick", what);
        }
    }

    private List<Run> simulatedRuns() {
        return store.read(data -> data.runs.values().stream().filter(Run::simulated).toList());
    }

    private List<Sweep> simulatedSweeps() {
        return store.read(data -> data.sweeps.values().stream()
                .filter(s -> s.simulated() && s.state().equals("RUNNING")).toList());
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
