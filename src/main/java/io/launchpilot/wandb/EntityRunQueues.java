package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The run queues of one entity as {@link WandbClient#queuesWithConfig} reads them: settings and
 * default resource configs, without items. {@code projectExists} is false when the entity has no
 * {@value WandbClient#LAUNCH_PROJECT} project yet, so creating a queue there needs it first.
 */
@RegisterForReflection
public record EntityRunQueues(String entity, boolean projectExists, List<RunQueue> queues) {

    public EntityRunQueues {
        Refs.requireSegment("entity", entity);
        queues = Values.list(queues);
    }
}
