package io.launchpilot.cli;

import io.launchpilot.RunMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Process entry point. Quarkus starts the HTTP server before any picocli command runs, so the
 * mode is decided here, from the first argument, before Quarkus reads its configuration:
 * only {@code serve} and {@code sandbox} listen on the HTTP port; one-shot commands and the stdio
 * MCP server ({@code mcp}) never do, so they can run next to a serving instance. Without arguments,
 * {@code -Dquarkus.args} gives them, as in Quarkus dev mode: {@code @QuarkusIntegrationTest} starts the
 * packaged jar with JVM options only ({@code quarkus.test.arg-line}), so that is how it says {@code serve}.
 */
@QuarkusMain
public class LaunchpilotMain {

    public static void main(String... commandLine) {
        String[] args = commandLine.length > 0 ? commandLine : argsProperty();
        RunMode mode = RunMode.of(args);
        System.setProperty(RunMode.PROPERTY, mode.configValue());
        if (!mode.listens()) {
            System.setProperty("quarkus.http.host-enabled", "false");
            // stdout carries the command's result; start-up chatter would only get in the way
            System.setProperty("quarkus.log.category.\"io.quarkus\".level", "WARN");
        }
        if (mode == RunMode.MCP) {
            // one agent for the life of the process: its session must never be closed as idle
            System.setProperty("quarkus.mcp.server.connection-idle-timeout", "0");
        }
        Quarkus.run(LaunchpilotApplication.class, args);
    }

    private static String[] argsProperty() {
        String args = System.getProperty("quarkus.args", "").strip();
        return args.isEmpty() ? new String[0] : args.split("\\s+");
    }
}
