package io.launchpilot.cli.events;

import picocli.CommandLine.Command;

@Command(name = "events", description = "Read the event ledger of a running `launchpilot serve`.",
        mixinStandardHelpOptions = true, subcommands = {EventsTailCommand.class})
public class EventsCommand {
}
