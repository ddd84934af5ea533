package io.launchpilot.bench;

import io.launchpilot.filter.RunFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A policy's {@code when:} with five clauses (state, a summary metric, tags, a config value, a display
 * name pattern) evaluated on one thread over 1,000 W&B-shaped run documents, a different one each call:
 * the work of the engine per subject run, once the run is read.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ConditionBenchmark {

    private static final String[] STATES = {"finished", "running", "crashed", "failed"};

    private RunFilter when;
    private List<Map<String, Object>> runs;
    private int next;

    @Setup
    public void setUp() {
        when = RunFilter.compile(Map.of("$and", List.of(
                Map.of("state", Map.of("$in", List.of("finished", "crashed"))),
                Map.of("summary_metrics.val_acc", Map.of("$gte", 0.92)),
                Map.of("tags", Map.of("$nin", List.of("promoted"))),
                Map.of("config.lr", Map.of("$lte", 0.05)),
                Map.of("displayName", Map.of("$regex", "^resnet")))));
        Random random = new Random(42);
        runs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> run = new HashMap<>();
            run.put("name", "r" + i);
            run.put("displayName", (random.nextBoolean() ? "resnet-" : "vit-") + i);
            run.put("state", STATES[random.nextInt(STATES.length)]);
            run.put("tags", random.nextInt(4) == 0 ? List.of("promoted", "sweep") : List.of("sweep"));
            run.put("createdAt", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i));
            run.put("config", Map.of("lr", Map.of("value", random.nextDouble() / 10),
                    "batch_size", Map.of("value", 64)));
            run.put("summary_metrics", Map.of("val_acc", 0.8 + random.nextDouble() / 5, "loss", random.nextDouble()));
            runs.add(run);
        }
    }

    @Benchmark
    public boolean evaluate() {
        next = next == runs.size() - 1 ? 0 : next + 1;
        return when.matches(runs.get(next));
    }
}
