package io.launchpilot.cli;

import picocli.CommandLine.Command;

@Command(name = "launchpilot", mixinStandardHelpOptions = true, version = "launchpilot 0.1.0",
        description = "Automation server for W&B Launch run queues and sweeps.",
        subcommands = {ServeCommand.class})
public class LaunchpilotCommand {
}
