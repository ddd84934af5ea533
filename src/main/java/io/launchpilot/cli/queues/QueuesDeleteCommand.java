package io.launchpilot.cli.queues;

import io.launchpilot.queue.QueueService;
import io.launchpilot.wandb.QueueRef;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete a run queue and its items. Only queues Launchpilot manages, unless --force.",
                "A queue still named by a spec comes back at the next apply."})
public class QueuesDeleteCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ENTITY/QUEUE", description = "The queue, e.g. demo/gpu-a100.")
    QueueRef queue;

    @Option(names = "--force", description = "Delete it even if Launchpilot does not manage it.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Inject
    QueueService service;

    @Override
    public Integer call() {
        service.delete(queue, force);
        spec.commandLine().getOut().println("Deleted queue " + queue.path() + ".");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
