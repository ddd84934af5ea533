package io.launchpilot.queue;

import io.launchpilot.spec.Position;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.launchpilot.wandb.QueueRef;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Locale;

/**
 * What the plan does with one queue. {@code fields} lists the differences of an update (or of a
 * refused one); {@code reason} says why a queue is refused, orphaned or left alone; {@code drift} is
 * true for an update of a queue whose spec did not change since Launchpilot last applied it, i.e. a
 * change made by hand in W&B. {@code spec} (the queue to apply) and {@code liveId} (the queue to
 * delete) are what apply needs and are not shown.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record QueueChange(Action action, QueueRef queue, List<FieldChange> fields, String reason, boolean drift,
        Position position, @JsonIgnore QueueDefinition spec, @JsonIgnore String liveId) {

    /** The verbs of a plan, as {@code terraform plan} has them, plus the cases W&B or safety add. */
    public enum Action {
        /** The spec names a queue W&B does not have. */
        CREATE,
        /** W&B's queue differs from its spec. */
        UPDATE,
        /** W&B's queue is as its spec says. */
        UNCHANGED,
        /** A queue Launchpilot manages that no spec names any more, deleted because of --prune. */
        DELETE,
        /** A queue Launchpilot manages that no spec names any more; --prune would delete it. */
        ORPHANED,
        /** A queue in the same entity that Launchpilot does not manage: listed, never touched. */
        UNMANAGED,
        /** A change W&B cannot make (prioritization from V0 back to DISABLED): the plan cannot be applied. */
        REFUSED;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether applying the plan sends a mutation for this queue. */
        public boolean mutates() {
            return this == CREATE || this == UPDATE || this == DELETE;
        }
    }

    public QueueChange {
        if (action == null || queue == null) {
            throw new IllegalArgumentException("a queue change needs an action and a queue");
        }
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
