package io.launchpilot.cli;

import io.launchpilot.wandb.ProjectRef;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.RunRef;
import io.launchpilot.wandb.SweepRef;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.util.function.Function;
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
        commandLine.registerConverter(ProjectRef.class, path -> parsed(path, ProjectRef::parse));
        commandLine.registerConverter(RunRef.class, path -> parsed(path, RunRef::parse));
        commandLine.registerConverter(SweepRef.class, path -> parsed(path, SweepRef::parse));
        commandLine.registerConverter(QueueRef.class, path -> parsed(path, QueueRef::parse));
        return commandLine;
    }

    /** Keeps picocli's message to the reason itself ("expected entity/project, got demo"). */
    private static <T> T parsed(String path, Function<String, T> parse) {
        try {
            return parse.apply(path);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
