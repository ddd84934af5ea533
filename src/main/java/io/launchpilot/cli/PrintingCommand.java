package io.launchpilot.cli;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that prints data: it takes {@code --output} and writes to the command line's stdout. */
public abstract class PrintingCommand implements Callable<Integer> {

    @Mixin
    protected OutputOption output;

    @Spec
    protected CommandSpec spec;

    @Inject
    protected Printer printer;

    protected <T> void printList(List<T> rows, List<Column<T>> columns) {
        printer.list(spec.commandLine().getOut(), output.format, rows, columns);
    }

    protected void printOne(Object value, Map<String, ?> fields) {
        printer.one(spec.commandLine().getOut(), output.format, value, fields);
    }
}
