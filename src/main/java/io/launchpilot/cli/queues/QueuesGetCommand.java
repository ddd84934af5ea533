package io.launchpilot.cli.queues;

import io.launchpilot.cli.PrintingCommand;
import io.launchpilot.queue.QueueNotFoundException;
import io.launchpilot.queue.QueueService;
import io.launchpilot.queue.QueueView;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.RunQueueItem;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show one run queue: settings, resource config, template variables, links and items.")
public class QueuesGetCommand extends PrintingCommand {

    @Parameters(paramLabel = "ENTITY/QUEUE", description = "The queue, e.g. demo/gpu-a100.")
    QueueRef queue;

    @Inject
    QueueService service;

    @Override
    public Integer call() {
        QueueView found = service.get(queue).orElseThrow(() -> new QueueNotFoundException(queue));
        Map<String, Integer> states = new TreeMap<>();
        found.items().forEach(item -> states.merge(String.valueOf(item.state()).toLowerCase(), 1, Integer::sum));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("queue", found.path());
        fields.put("id", found.id());
        fields.put("resource", found.resource());
        fields.put("prioritization", found.prioritization());
        fields.put("managed", found.managed() ? "yes" : "no");
        fields.put("access", found.access());
        fields.put("created by", found.createdBy());
        fields.put("created", found.createdAt());
        fields.put("updated", found.updatedAt());
        fields.put("config", found.config());
        fields.put("variables", found.templateVariables().stream()
                .map(variable -> variable.name() + " " + variable.schema()).toList());
        fields.put("links", found.externalLinks().stream().map(link -> link.label() + "=" + link.url()).toList());
        fields.put("items", found.items().size() + (states.isEmpty() ? "" : " " + states));
        fields.put("newest item", found.items().stream().map(RunQueueItem::id).reduce((a, b) -> b).orElse(null));
        printOne(found, fields);
        return 0;
    }
}
