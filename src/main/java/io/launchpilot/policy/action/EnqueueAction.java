package io.launchpilot.policy.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.queue.EnqueueRejectedException;
import io.launchpilot.queue.EnqueueRequest;
import io.launchpilot.queue.EnqueueService;
import io.launchpilot.queue.QueueNotFoundException;
import io.launchpilot.store.ActionRecord;
import io.launchpilot.wandb.Priority;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.QueuedRun;
import io.launchpilot.wandb.WandbClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code enqueue}: puts a run on {@code queue} through {@link EnqueueService} (checked as the CLI
 * checks it). The run spec carries the action's id under {@value EnqueueRequest#MARKER_KEY}; when an
 * earlier attempt may have pushed already, the queue's items are searched for that id first.
 */
@ApplicationScoped
class EnqueueAction implements ActionHandler {

    private final EnqueueService enqueue;
    private final WandbClient wandb;

    EnqueueAction(EnqueueService enqueue, WandbClient wandb) {
        this.enqueue = enqueue;
        this.wandb = wandb;
    }

    @Override
    public ActionType type() {
        return ActionType.ENQUEUE;
    }

    @Override
    public ObjectNode execute(ActionRecord action, boolean resumed) {
        Params params = Params.of(action);
        QueueRef queue = ActionRefs.queue(params, "queue");
        Priority priority = null;
        if (params.has("priority")) {
            String given = params.text("priority");
            try {
                priority = Priority.valueOf(given.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw params.invalid("priority must be critical, high, medium or low, got " + given);
            }
        }
        EnqueueRequest request = new EnqueueRequest(queue, params.text("job", null), params.text("image", null),
                params.map("vars"), priority, params.map("config"), params.text("project", null), action.id());
        if (resumed) {
            Optional<QueuedRun> pushed = wandb.findQueued(queue, EnqueueRequest.MARKER_KEY, action.id());
            if (pushed.isPresent()) {
                return result(pushed.get()).put("existed", true);
            }
        }
        try {
            return result(enqueue.enqueue(request));
        } catch (EnqueueRejectedException | QueueNotFoundException e) {
            throw ActionFailure.permanent("enqueue: " + e.getMessage());
        }
    }

    private static ObjectNode result(QueuedRun queued) {
        return Params.result().put("queue", queued.queue().path()).put("itemId", queued.itemId());
    }
}
