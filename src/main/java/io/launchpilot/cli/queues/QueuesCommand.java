package io.launchpilot.cli.queues;

import picocli.CommandLine.Command;

@Command(name = "queues", description = "Run queues as code: plan and apply queue specs, list, show and delete queues.",
        mixinStandardHelpOptions = true,
        subcommands = {QueuesPlanCommand.class, QueuesApplyCommand.class, QueuesListCommand.class,
                QueuesGetCommand.class, QueuesDeleteCommand.class})
public class QueuesCommand {
}
