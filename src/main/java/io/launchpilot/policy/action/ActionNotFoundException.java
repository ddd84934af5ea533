package io.launchpilot.policy.action;

/** No action of the outbox has this id. */
public class ActionNotFoundException extends RuntimeException {

    public ActionNotFoundException(String id) {
        super("action " + id + " not found");
    }
}
