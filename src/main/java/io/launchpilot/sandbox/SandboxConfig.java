package io.launchpilot.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the embedded W&B sandbox ({@code launchpilot.sandbox.*}). */
@ConfigMapping(prefix = "launchpilot.sandbox")
public interface SandboxConfig {

    /** The simulator that brings the demo to life. */
    Simulator simulator();

    /** What the simulator does and how often. */
    interface Simulator {

        /**
         * Whether demo runs progress, stall and finish, and a simulated launch agent claims the
         * items queued in the demo entity's queues. When false nothing in the sandbox changes by
         * itself. Runs and items created through the control API or an SDK are never moved.
         */
        @WithDefault("true")
        boolean enabled();

        /** How often the simulator takes a step. */
        @WithDefault("5s")
        Duration tickInterval();

        /**
         * How long a simulated run that stopped sending heartbeats stays {@code running} before
         * it is marked {@code crashed}, as W&B does.
         */
        @WithDefault("60s")
        Duration heartbeatTimeout();
    }
}
