package io.launchpilot.cli;

import io.launchpilot.cli.events.EventsCommand;
import io.launchpilot.cli.policies.PoliciesCommand;
import io.launchpilot.cli.queues.EnqueueCommand;
import io.launchpilot.cli.queues.QueuesCommand;
import io.launchpilot.cli.runs.RunsCommand;
import io.launchpilot.cli.sweeps.SweepsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "launchpilot", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Automation server for W&B Launch run queues and sweeps.",
        subcommands = {ServeCommand.class, SandboxCommand.class, QueuesCommand.class, EnqueueCommand.class,
                RunsCommand.class, SweepsCommand.class, PoliciesCommand.class, EventsCommand.class, McpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage or validation error.",
                "W&B: WANDB_API_KEY, WANDB_BASE_URL, WANDB_ENTITY. Without WANDB_API_KEY, commands talk to the",
                "embedded sandbox of a local `launchpilot serve` (http://127.0.0.1:8080/sandbox)."})
public class LaunchpilotCommand {

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces on failure.")
    boolean verbose;
}
