package io.launchpilot.sandbox;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Ticks the {@link Simulator} while the sandbox is active and the simulator enabled. */
@ApplicationScoped
public class SimulatorJob {

    private final Simulator simulator;
    private final SandboxConfig config;
    private final SandboxActivation activation;

    SimulatorJob(Simulator simulator, SandboxConfig config, SandboxActivation activation) {
        this.simulator = simulator;
        this.config = config;
        this.activation = activation;
    }

    @Scheduled(identity = "sandbox-simulator", every = "${launchpilot.sandbox.simulator.tick-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (activation.active() && config.simulator().enabled()) {
            simulator.step();
        }
    }
}
