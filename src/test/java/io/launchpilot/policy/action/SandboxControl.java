package io.launchpilot.policy.action;

import io.launchpilot.testing.SandboxApi;
import java.util.Map;

/** The sandbox's control API in the one project the outbox's tests use, returning paths as actions take them. */
final class SandboxControl {

    static final String ENTITY = "lp-actions";
    static final String PROJECT = "vision";

    private SandboxControl() {
    }

    /** A new run in {@code lp-actions/vision}; returns its path. */
    static String run(Map<String, Object> fields) {
        return ENTITY + "/" + PROJECT + "/" + SandboxApi.createRun(ENTITY, PROJECT, fields);
    }

    /** A new sweep in {@code lp-actions/vision} in {@code state}; returns its path. */
    static String sweep(String state) {
        return ENTITY + "/" + PROJECT + "/"
                + SandboxApi.createSweep(ENTITY, PROJECT, "method: random\nparameters: {lr: {values: [0.1]}}\n", state);
    }

    /** An artifact version logged by {@code runName} (or by no run when null). */
    static void artifact(String runName, String type, String name, String... aliases) {
        SandboxApi.createArtifact(ENTITY, PROJECT, runName, type, name, aliases);
    }
}
