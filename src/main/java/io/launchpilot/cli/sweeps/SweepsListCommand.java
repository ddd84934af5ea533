package io.launchpilot.cli.sweeps;

import io.launchpilot.cli.Column;
import io.launchpilot.cli.PrintingCommand;
import io.launchpilot.wandb.ProjectRef;
import io.launchpilot.sweep.SweepService;
import io.launchpilot.wandb.Sweep;
import jakarta.inject.Inject;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "list", description = "List the sweeps of a project.", mixinStandardHelpOptions = true)
public class SweepsListCommand extends PrintingCommand {

    @Parameters(paramLabel = "ENTITY/PROJECT", description = "The project, e.g. demo/vision.")
    ProjectRef project;

    @Inject
    SweepService sweeps;

    @Override
    public Integer call() {
        printList(sweeps.list(project), List.of(
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
