package io.launchpilot.cli.runs;

import picocli.CommandLine.Command;

@Command(name = "runs", description = "Read W&B runs.", mixinStandardHelpOptions = true,
        subcommands = {RunsListCommand.class, RunsGetCommand.class})
public class RunsCommand {
}
