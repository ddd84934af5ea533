package io.launchpilot.wandb;

/**
 * The states a client may move a sweep to, as the SDK allows: resume ({@link #RUNNING}), pause,
 * cancel (stop now, killing runs) and finish (stop after the running runs).
 */
public enum SweepState {
    RUNNING,
    PAUSED,
    CANCELED,
    FINISHED
}
