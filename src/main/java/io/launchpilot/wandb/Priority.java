package io.launchpilot.wandb;

/** Priority of a queued run on a {@link PrioritizationMode#V0} queue, as the W&B CLI maps it (0 goes first). */
public enum Priority {
    CRITICAL(0),
    HIGH(1),
    MEDIUM(2),
    LOW(3);

    private final int wireValue;

    Priority(int wireValue) {
        this.wireValue = wireValue;
    }

    public int wireValue() {
        return wireValue;
    }
}
