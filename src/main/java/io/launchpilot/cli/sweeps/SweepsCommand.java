package io.launchpilot.cli.sweeps;

import picocli.CommandLine.Command;

@Command(name = "sweeps", description = "Read W&B sweeps.", mixinStandardHelpOptions = true,
        subcommands = {SweepsListCommand.class, SweepsGetCommand.class})
public class SweepsCommand {
}
