package io.launchpilot.wandb;

/**
 * W&B's {@code RunQueuePrioritizationMode}. Only {@link #V0} queues honour an item's priority; W&B
 * does not let a V0 queue go back to {@link #DISABLED}.
 */
public enum PrioritizationMode {
    DISABLED,
    V0;

    /** Reads the server's value; an absent or unknown one means prioritization is off. */
    static PrioritizationMode fromWire(String value) {
        return "V0".equalsIgnoreCase(value) ? V0 : DISABLED;
    }
}
