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
        return new CommandLine(LaunchpilotCommand.class, factory).execute(args);
    }
}
