package io.launchpilot.cli.queues;

import io.launchpilot.cli.OutputFormat;
import io.launchpilot.cli.PrintingCommand;
import io.launchpilot.queue.ApplyResult;
import io.launchpilot.queue.PlanOptions;
import io.launchpilot.queue.PlanRefusedException;
import io.launchpilot.queue.QueueChange.Action;
import io.launchpilot.queue.QueueService;
import io.launchpilot.queue.QueueSpecLoader;
import io.launchpilot.queue.QueueSpecSet;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Make W&B's queues what the specs say (upsertRunQueue per changed queue; nothing is sent",
                "when nothing changed). Queues applied are marked with a managed-by external link. Invalid specs",
                "(exit 2) or a change W&B cannot make (exit 1) stop the whole apply before any change."})
public class QueuesApplyCommand extends PrintingCommand {

    @Mixin
    SpecSource source;

    @Option(names = "--prune", description = "Delete the queues Launchpilot manages that no spec names any more.")
    boolean prune;

    @Option(names = "--dry-run", description = "Show the plan without changing anything.")
    boolean dryRun;

    @Inject
    QueueSpecLoader loader;

    @Inject
    QueueService service;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        QueueSpecSet specs = source.load(loader, err);
        if (specs == null) {
            return SpecSource.INVALID;
        }
        ApplyResult result;
        try {
            result = service.apply(specs, new PlanOptions(prune, false, Set.copyOf(source.entities)), dryRun);
        } catch (PlanRefusedException e) {
            if (output.format == OutputFormat.table) {
                PlanText.print(out, e.plan());
            }
            PlanText.refusals(err, e.plan());
            err.println("launchpilot: nothing applied");
            err.flush();
            return 1;
        }
        if (output.format != OutputFormat.table) {
            printer.one(out, output.format, result, Map.of());
        } else {
            PlanText.print(out, result.plan());
            out.println(outcome(result));
            out.flush();
        }
        result.warnings().forEach(warning -> err.println("launchpilot: warning from W&B: " + warning));
        result.failures().forEach(failure -> err.println("launchpilot: " + failure.action() + " "
                + failure.queue().path() + " failed: " + failure.error()));
        err.flush();
        return result.failed() ? 1 : 0;
    }

    private static String outcome(ApplyResult result) {
        if (result.dryRun()) {
            return "Dry run: nothing changed.";
        }
        if (!result.plan().hasChanges()) {
            return "No changes.";
        }
        long created = result.applied().stream().filter(change -> change.action() == Action.CREATE).count();
        long updated = result.applied().stream().filter(change -> change.action() == Action.UPDATE).count();
        long deleted = result.applied().stream().filter(change -> change.action() == Action.DELETE).count();
        return "Applied: " + created + " created, " + updated + " updated, " + deleted + " deleted"
                + (result.failed() ? "; " + result.failures().size() + " failed." : ".");
    }
}
