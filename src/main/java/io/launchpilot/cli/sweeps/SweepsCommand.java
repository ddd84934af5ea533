package io.launchpilot.cli.sweeps;

import picocli.CommandLine.Command;

@Command(name = "sweeps", description = "Read and steer W&B sweeps.", mixinStandardHelpOptions = true,
        subcommands = {SweepsListCommand.class, SweepsGetCommand.class, SweepStateCommand.Pause.class,
                SweepStateCommand.Resume.class, SweepStateCommand.Stop.class, SweepStateCommand.Cancel.class})
public class SweepsCommand {
}
