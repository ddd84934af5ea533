package io.launchpilot.policy.action;

import java.util.Arrays;
import java.util.Optional;

/** The actions a policy can take, by their key in a policy's {@code do:} list. */
public enum ActionType {
    ENQUEUE("enqueue"),
    LINK_ARTIFACT("linkArtifact"),
    TAG_RUN("tagRun"),
    UPDATE_RUN("updateRun"),
    SET_SWEEP_STATE("setSweepState"),
    APPLY_QUEUE("applyQueue"),
    WEBHOOK("webhook"),
    LOG("log");

    private final String key;

    ActionType(String key) {
        this.key = key;
    }

    /** The key in a policy, e.g. {@code linkArtifact}. */
    public String key() {
        return key;
    }

    /** The type with this key, if there is one. */
    public static Optional<ActionType> of(String key) {
        return Arrays.stream(values()).filter(type -> type.key.equals(key)).findFirst();
    }
}
