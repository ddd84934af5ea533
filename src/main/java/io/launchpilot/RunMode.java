package io.launchpilot;

import java.util.Locale;
import java.util.Optional;

/**
 * What this process was started to do: decided from the command line before Quarkus starts
 * ({@link #of}), then read back by the beans that behave differently per mode ({@link #configured}).
 */
public enum RunMode {
    /** The automation service: REST, MCP, webhooks and background jobs (and the sandbox without a W&B key). */
    SERVE,
    /** The embedded W&B sandbox alone. */
    SANDBOX,
    /** The MCP server on stdin/stdout for a desktop agent: no HTTP listener, stdout only for MCP frames. */
    MCP,
    /** A one-shot command: no HTTP listener, no background jobs. */
    COMMAND;

    public static final String PROPERTY = "launchpilot.run-mode";

    public static RunMode of(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue;
            }
            return switch (arg) {
                case "serve" -> SERVE;
                case "sandbox" -> SANDBOX;
                case "mcp" -> MCP;
                default -> COMMAND;
            };
        }
        return COMMAND;
    }

    /**
     * The mode in {@code launchpilot.run-mode}: none means {@link #SERVE} (tests and dev mode run the
     * service), and a value no mode has means {@link #COMMAND} (no listener, no background jobs).
     */
    public static RunMode configured(Optional<String> value) {
        return switch (value.map(String::strip).orElse("")) {
            case "", "serve" -> SERVE;
            case "sandbox" -> SANDBOX;
            case "mcp" -> MCP;
            default -> COMMAND;
        };
    }

    public boolean listens() {
        return this == SERVE || this == SANDBOX;
    }

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
