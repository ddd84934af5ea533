package io.launchpilot.policy.action;

/**
 * An action attempt that failed for a reason the handler knows: {@code permanent} ones (a bad
 * parameter, a missing run, a receiver's 4xx) go to {@code failed} at once; others are retried.
 */
public class ActionFailure extends RuntimeException {

    private final boolean permanent;

    private ActionFailure(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    /** A failure no retry can fix. */
    public static ActionFailure permanent(String message) {
        return new ActionFailure(message, true);
    }

    /** A failure the next attempt may not have. */
    public static ActionFailure retryable(String message) {
        return new ActionFailure(message, false);
    }

    public boolean permanent() {
        return permanent;
    }
}
