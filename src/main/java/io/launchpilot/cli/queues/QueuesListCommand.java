package io.launchpilot.cli.queues;

import io.launchpilot.cli.Column;
import io.launchpilot.cli.OutputOption;
import io.launchpilot.cli.Printer;
import io.launchpilot.cli.UsageException;
import io.launchpilot.queue.QueueService;
import io.launchpilot.queue.QueueView;
import io.launchpilot.wandb.TemplateVariable;
import io.launchpilot.wandb.WandbClient;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List an entity's run queues with their settings and whether Launchpilot manages them.")
public class QueuesListCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ENTITY", arity = "0..1",
            description = "The entity (user or team). Default: WANDB_ENTITY, else the API key's own entity.")
    String entity;

    @Mixin
    OutputOption output;

    @Spec
    CommandSpec spec;

    @Inject
    QueueService service;

    @Inject
    WandbClient wandb;

    @Inject
    Printer printer;

    @Override
    public Integer call() {
        String owner = entity != null ? entity : wandb.defaultEntity()
                .orElseThrow(() -> new UsageException("name an entity, or set WANDB_ENTITY"));
        if (owner.isBlank() || owner.contains("/")) {
            throw new UsageException("ENTITY must be an entity name without '/', got " + owner);
        }
        printer.list(spec.commandLine().getOut(), output.format, service.list(owner), List.of(
                Column.of("QUEUE", QueueView::path),
                Column.of("RESOURCE", QueueView::resource),
                Column.of("PRIORITIZATION", QueueView::prioritization),
                Column.of("MANAGED", (QueueView queue) -> queue.managed() ? "yes" : "no"),
                Column.of("VARIABLES", (QueueView queue) -> queue.templateVariables().stream()
                        .map(TemplateVariable::name).toList()),
                Column.of("CREATED BY", QueueView::createdBy)));
        return 0;
    }
}
