package io.launchpilot.cli.policies;

import picocli.CommandLine.Command;

@Command(name = "policies", description = "Policies: validate policy files, test them against a fixture, list them.",
        mixinStandardHelpOptions = true,
        subcommands = {PoliciesValidateCommand.class, PoliciesTestCommand.class, PoliciesListCommand.class})
public class PoliciesCommand {
}
