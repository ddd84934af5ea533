package io.launchpilot.sandbox;

import io.launchpilot.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/** The sandbox's services wired by hand around one store and a hand-moved clock, for plain tests. */
final class Sandbox {

    final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T12:00:00Z"));
    final SandboxStore store = new SandboxStore();
    final RunService runs = new RunService(store, clock);
    final SweepService sweeps = new SweepService(store, clock);
    final QueueService queues = new QueueService(store, clock);
    final ArtifactService artifacts = new ArtifactService(store, clock);
    final ProjectService projects = new ProjectService(store, clock);
    final DemoData demo = new DemoData(runs, sweeps, queues, artifacts);

    Simulator simulator(Duration heartbeatTimeout, long seed) {
        return new Simulator(runs, queues, sweeps, artifacts, store, clock, heartbeatTimeout, new Random(seed));
    }
}
