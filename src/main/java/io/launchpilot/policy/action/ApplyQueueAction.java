package io.launchpilot.policy.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.queue.ApplyResult;
import io.launchpilot.queue.PlanOptions;
import io.launchpilot.queue.PlanRefusedException;
import io.launchpilot.queue.QueueChange;
import io.launchpilot.queue.QueueService;
import io.launchpilot.queue.QueueSpecException;
import io.launchpilot.queue.QueueSpecLoader;
import io.launchpilot.queue.QueueSpecSet;
import io.launchpilot.store.ActionRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * {@code applyQueue}: applies one inline queue spec as {@code queues apply} does for that queue alone.
 * Applying plans first against W&B, so a repeat finds the queue as the spec says and changes nothing.
 */
@ApplicationScoped
class ApplyQueueAction implements ActionHandler {

    private static final PlanOptions ONE_QUEUE = new PlanOptions(false, true, Set.of());

    private final QueueSpecLoader specs;
    private final QueueService queues;

    ApplyQueueAction(QueueSpecLoader specs, QueueService queues) {
        this.specs = specs;
        this.queues = queues;
    }

    @Override
    public ActionType type() {
        return ActionType.APPLY_QUEUE;
    }

    @Override
    public ObjectNode execute(ActionRecord action, boolean resumed) {
        Params params = Params.of(action);
        JsonNode spec = params.node("spec");
        if (spec == null || !spec.isObject()) {
            throw params.invalid("spec must be a queue spec object");
        }
        QueueSpecSet set;
        ApplyResult applied;
        try {
            set = specs.parse("policy " + action.policy() + " action " + action.id(), Params.JSON.writeValueAsString(spec));
            if (set.queues().size() != 1) {
                throw params.invalid("spec must hold exactly one queue, got " + set.queues().size());
            }
            applied = queues.apply(set, ONE_QUEUE, false);
        } catch (QueueSpecException | PlanRefusedException e) {
            throw ActionFailure.permanent("applyQueue: " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw params.invalid("spec cannot be written as JSON");
        }
        if (applied.failed()) {
            throw ActionFailure.retryable("applyQueue: " + applied.failures().get(0).error());
        }
        QueueChange change = applied.plan().changes().stream()
                .filter(each -> each.queue().equals(set.queues().get(0).ref())).findFirst().orElseThrow();
        ObjectNode result = Params.result().put("queue", change.queue().path())
                .put("change", change.action().name().toLowerCase(java.util.Locale.ROOT));
        if (change.action() == QueueChange.Action.UNCHANGED) {
            result.put("existed", true);
        }
        return result;
    }
}
