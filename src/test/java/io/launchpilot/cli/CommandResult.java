package io.launchpilot.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** What a command printed and returned, captured from a command tree run in-process. */
record CommandResult(int exitCode, String output, String errorOutput) {

    static CommandResult run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new CommandResult(code, out.toString(), err.toString());
    }

    List<String> outputLines() {
        return output.lines().toList();
    }

    List<String> errorLines() {
        return errorOutput.lines().toList();
    }
}
