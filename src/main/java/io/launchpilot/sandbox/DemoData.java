package io.launchpilot.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo a new user meets: entity {@code demo}, project {@code vision} with a bayes sweep
 * maximizing {@code val_acc} (some runs finished, some running), a model artifact linked into the
 * model registry, and a launch queue {@code cpu-local} in {@code model-registry}.
 */
@ApplicationScoped
public class DemoData {

    public static final String ENTITY = Viewer.ENTITY;
    public static final String PROJECT = "vision";
    public static final String QUEUE = "cpu-local";

    static final String SWEEP_CONFIG = """
            name: vision-lr-search
            method: bayes
            metric:
              name: val_acc
              goal: maximize
            parameters:
              lr:
                distribution: log_uniform_values
                min: 0.0001
                max: 0.1
              batch_size:
                values: [32, 64, 128]
              optimizer:
                values: [adam, sgd]
            """;

    private final RunService runs;
    private final SweepService sweeps;
    private final QueueService queues;
    private final ArtifactService artifacts;

    DemoData(RunService runs, SweepService sweeps, QueueService queues, ArtifactService artifacts) {
        this.runs = runs;
        this.sweeps = sweeps;
        this.queues = queues;
        this.artifacts = artifacts;
    }

    /** Adds the demo to whatever the sandbox holds. */
    public void seed() {
        Random random = new Random(7);
        ProjectRef vision = new ProjectRef(ENTITY, PROJECT);
        Sweep sweep = sweeps.create(new SweepService.NewSweep(vision, SWEEP_CONFIG, "RUNNING", null,
                "Learning-rate search for the image classifier", true));
        Run best = null;
        for (int i = 0; i < 6; i++) {
            boolean finished = i < 4;
            Run run = runs.create(new RunService.NewRun(vision, null, null, "running",
                    Configs.wrap(sweepConfig(random)), Map.of(), List.of("sweep"), null, "train", sweep.name(),
                    null, null, "demo-gpu-1", true));
            // the running ones are five simulator ticks from their end, so the sweep finishes within a minute
            int step = finished ? 100 : Simulator.targetSteps(run) - 5 * Simulator.STEPS_PER_TICK;
            Map<String, Object> summary = Simulator.metrics(run, step, 0);
            runs.update(run.ref(), new RunPatch(null, finished ? "finished" : "running", null, summary, null, null,
                    null, null, null, true));
            if (finished) {
                Simulator.logModel(artifacts, runs.get(run.ref()), summary);
            }
            // a sweep that started hours ago: one run every 40 minutes, finished ones ran for 35
            Duration age = Duration.ofMinutes(40L * (6 - i));
            runs.backdate(run.ref(), age, finished ? age.minusMinutes(35) : Duration.ZERO);
            if (finished && (best == null || (double) summary.get("val_acc") > (double) best.summary().get("val_acc"))) {
                best = runs.get(run.ref());
            }
        }
        Run baseline = runs.create(new RunService.NewRun(vision, null, "baseline-resnet50", "finished",
                Configs.wrap(Map.of("lr", 0.01, "batch_size", 64, "optimizer", "sgd")),
                Map.of("val_acc", 0.81, "loss", 0.52, "_step", 100), List.of("baseline"), "baselines", "train", null,
                "Reference run without tuning", null, "demo-gpu-2", true));
        runs.backdate(baseline.ref(), Duration.ofDays(2), Duration.ofDays(2).minusHours(3));
        artifacts.log(vision, baseline.ref(), "model", "resnet50-classifier", List.of("baseline"), "Baseline weights",
                Map.of("val_acc", 0.81));
        ArtifactService.Version tuned = artifacts.log(vision, best.ref(), "model", "resnet50-classifier",
                List.of("best"), "Best weights of the sweep", Map.of("val_acc", best.summary().get("val_acc")));
        artifacts.link(tuned.artifact().id(), new ProjectRef(Viewer.ORG_ENTITY, "wandb-registry-model"), "image-classifier",
                null, List.of("production"));

        ProjectRef launch = new ProjectRef(ENTITY, QueueService.LAUNCH_PROJECT);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("cpus", Map.of("description", "CPU cores for the run",
                "schema", Map.of("type", "integer", "default", 2, "minimum", 1, "maximum", 8)));
        queues.upsert(launch, QUEUE, "local-process",
                Map.of("resource_args", Map.of("local-process", Map.of("cpus", "{{cpus}}"))), variables, "V0",
                Map.of("links", List.of(Map.of("label", "Runbook", "url", "https://example.invalid/runbooks/cpu-local"))));
    }

    /** A config as the demo sweep's controller would suggest it. */
    static Map<String, Object> sweepConfig(Random random) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("lr", Math.round(Math.pow(10, -4 + 3 * random.nextDouble()) * 1e6) / 1e6);
        config.put("batch_size", List.of(32, 64, 128).get(random.nextInt(3)));
        config.put("optimizer", random.nextBoolean() ? "adam" : "sgd");
        return config;
    }
}
