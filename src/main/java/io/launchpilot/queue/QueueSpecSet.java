package io.launchpilot.queue;

import io.launchpilot.spec.SpecProblem;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A valid set of queue specs, ready to plan: the queues in the order of their sources, the warnings
 * found on the way, and the sources read (files, or {@code body}).
 */
@RegisterForReflection
public record QueueSpecSet(List<QueueDefinition> queues, List<SpecProblem> warnings, List<String> sources) {

    public QueueSpecSet {
        queues = queues == null ? List.of() : List.copyOf(queues);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
