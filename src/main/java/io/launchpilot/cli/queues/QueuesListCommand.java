package io.launchpilot.cli.queues;

import io.launchpilot.cli.PrintingCommand;
import io.launchpilot.cli.Column;
import io.launchpilot.cli.UsageException;
import io.launchpilot.queue.QueueService;
import io.launchpilot.queue.QueueView;
import io.launchpilot.wandb.TemplateVariable;
import io.launchpilot.wandb.WandbClient;
import jakarta.inject.Inject;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List an entity's run queues with their settings and whether Launchpilot manages them.")
public class QueuesListCommand extends PrintingCommand {

    @Parameters(paramLabel = "ENTITY", arity = "0..1",
            description = "The entity (user or team). Default: WANDB_ENTITY, else the API key's own entity.")
    String entity;

    @Inject
    QueueService service;

    @Inject
    WandbClient wandb;

    @Override
    public Integer call() {
        String owner = entity != null ? entity : wandb.defaultEntity()
                .orElseThrow(() -> new UsageException("name an entity, or set WANDB_ENTITY"));
        if (owner.isBlank() || owner.contains("/")) {
            throw new UsageException("ENTITY must be an entity name without '/', got " + owner);
        }
        printList(service.list(owner), List.of(
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
