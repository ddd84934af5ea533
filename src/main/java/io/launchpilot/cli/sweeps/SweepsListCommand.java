package io.launchpilot.cli.sweeps;

import io.launchpilot.cli.Column;
import io.launchpilot.cli.OutputOption;
import io.launchpilot.cli.Printer;
import io.launchpilot.wandb.ProjectRef;
import io.launchpilot.wandb.Sweep;
import io.launchpilot.wandb.WandbClient;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "list", description = "List the sweeps of a project.", mixinStandardHelpOptions = true)
public class SweepsListCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ENTITY/PROJECT", description = "The project, e.g. demo/vision.")
    ProjectRef project;

    @Mixin
    OutputOption output;

    @Spec
    CommandSpec spec;

    @Inject
    WandbClient wandb;

    @Inject
    Printer printer;

    @Override
    public Integer call() {
        printer.list(spec.commandLine().getOut(), output.format, wandb.sweeps(project), List.of(
                Column.of("NAME", (Sweep s) -> s.ref().name()),
                Column.of("DISPLAY NAME", Sweep::displayName),
                Column.of("METHOD", Sweep::method),
                Column.of("STATE", Sweep::state),
                Column.of("RUNS", Sweep::runCount),
                Column.of("BEST LOSS", Sweep::bestLoss),
                Column.of("CREATED", Sweep::createdAt)));
        return 0;
    }
}
