package io.launchpilot.cli.queues;

import io.launchpilot.cli.OutputFormat;
import io.launchpilot.cli.PrintingCommand;
import io.launchpilot.queue.PlanOptions;
import io.launchpilot.queue.QueuePlan;
import io.launchpilot.queue.QueueService;
import io.launchpilot.queue.QueueSpecLoader;
import io.launchpilot.queue.QueueSpecSet;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show what apply would do: create, update (field by field), unchanged, and the queues no spec",
                "names (unmanaged; orphaned or deleted with --prune when Launchpilot manages them). Changes nothing.",
                "Exit 0 (also with changes), 2 for invalid specs, 1 when W&B cannot make a change (V0 -> DISABLED)."})
public class QueuesPlanCommand extends PrintingCommand {

    @Mixin
    SpecSource source;

    @Option(names = "--prune", description = "Plan to delete the managed queues no spec names.")
    boolean prune;

    @Inject
    QueueSpecLoader loader;

    @Inject
    QueueService service;

    @Override
    public Integer call() {
        QueueSpecSet specs = source.load(loader, spec.commandLine().getErr());
        if (specs == null) {
            return SpecSource.INVALID;
        }
        QueuePlan plan = service.plan(specs, new PlanOptions(prune, false, Set.copyOf(source.entities)));
        if (output.format == OutputFormat.table) {
            PlanText.print(spec.commandLine().getOut(), plan);
        } else {
            printOne(plan, Map.of());
        }
        if (!plan.refused().isEmpty()) {
            PlanText.refusals(spec.commandLine().getErr(), plan);
            return 1;
        }
        return 0;
    }
}
