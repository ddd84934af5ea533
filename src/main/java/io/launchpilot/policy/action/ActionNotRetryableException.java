package io.launchpilot.policy.action;

import io.launchpilot.store.ActionState;

/** Only a {@code failed} or {@code dead} action can be retried by hand; this one is in another state. */
public class ActionNotRetryableException extends RuntimeException {

    public ActionNotRetryableException(String id, ActionState state) {
        super("action " + id + " is " + state.wire() + "; only failed and dead actions can be retried");
    }
}
