package io.launchpilot.queue;

import io.launchpilot.queue.QueueChange.Action;
import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What applying a set of queue specs would do, queue by queue, in the order of the specs. */
@RegisterForReflection
public record QueuePlan(List<QueueChange> changes) {

    public QueuePlan {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** How many queues each action touches, by action label, every action listed (zeros included). */
    @JsonProperty("summary")
    public Map<String, Integer> summary() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Action action : Action.values()) {
            counts.put(action.label(), 0);
        }
        changes.forEach(change -> counts.merge(change.action().label(), 1, Integer::sum));
        return counts;
    }

    public int count(Action action) {
        return (int) changes.stream().filter(change -> change.action() == action).count();
    }

    /** Whether applying it would send any mutation to W&B. */
    @JsonIgnore
    public boolean hasChanges() {
        return changes.stream().anyMatch(change -> change.action().mutates());
    }

    /** The changes W&B cannot make; a plan with any is not applied at all. */
    @JsonIgnore
    public List<QueueChange> refused() {
        return changes.stream().filter(change -> change.action() == Action.REFUSED).toList();
    }

    public List<QueueChange> with(Action action) {
        return changes.stream().filter(change -> change.action() == action).toList();
    }
}
