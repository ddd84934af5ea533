package io.launchpilot.cli;

import picocli.CommandLine.Option;

/** The {@code --output} option shared by every command that prints data. */
public class OutputOption {

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    public OutputFormat format;
}
