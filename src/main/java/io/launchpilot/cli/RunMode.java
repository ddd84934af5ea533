package io.launchpilot.cli;

import java.util.Locale;

/** What this process was started to do, decided from the command line before Quarkus starts. */
public enum RunMode {
    /** The automation service: REST, MCP, webhooks and background jobs (and the sandbox without a W&B key). */
    SERVE,
    /** The embedded W&B sandbox alone. */
    SANDBOX,
    /** A one-shot command: no HTTP listener, no background jobs. */
    COMMAND;

    public static final String PROPERTY = "launchpilot.run-mode";

    static RunMode of(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue;
            }
            return switch (arg) {
                case "serve" -> SERVE;
                case "sandbox" -> SANDBOX;
                default -> COMMAND;
            };
        }
        return COMMAND;
    }

    public boolean listens() {
        return this != COMMAND;
    }

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
