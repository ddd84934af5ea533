package io.launchpilot.queue;

import io.launchpilot.wandb.QueueRef;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * CDI event: continuous reconciliation found a managed queue changed (or deleted) by hand in W&B
 * while its spec stayed the same, and put it back. {@code changes} are W&B's values before and the
 * spec's after; empty when the queue had been deleted and was created again.
 */
@RegisterForReflection
public record QueueDriftCorrected(QueueRef queue, Kind kind, List<FieldChange> changes, Instant correctedAt) {

    /** What had been done to the queue by hand. */
    public enum Kind {
        CHANGED, DELETED
    }

    public QueueDriftCorrected {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** The paths of the fields that had drifted, e.g. {@code config.namespace}. */
    public List<String> fields() {
        return changes.stream().map(FieldChange::field).toList();
    }
}
