package io.launchpilot.cli;

import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import picocli.CommandLine;

/** Runs the picocli command tree inside the started Quarkus application. */
public class LaunchpilotApplication implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    @Override
    public int run(String... args) {
        return commandLine(factory).execute(args);
    }

    /** The command tree with the house error handling: one line on stderr, stack traces only with --verbose. */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(LaunchpilotCommand.class, factory);
        ErrorHandler handler = new ErrorHandler();
        commandLine.setParameterExceptionHandler(handler);
        commandLine.setExecutionExceptionHandler(handler);
        return commandLine;
    }
}
