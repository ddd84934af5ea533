package io.launchpilot.queue;

import io.launchpilot.wandb.QueueRef;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A run that does not fit its queue (a template variable value against the queue's schema, a
 * priority on a queue without prioritization, neither or both of job and image): nothing was sent
 * to W&B. Each violation names the field ({@code vars.<name>}, {@code priority}, {@code job}) and
 * the rule.
 */
public class EnqueueRejectedException extends RuntimeException {

    /** One broken rule: the field and why. */
    @RegisterForReflection
    public record Violation(String field, String reason) {

        @Override
        public String toString() {
            return field + ": " + reason;
        }
    }

    private final QueueRef queue;
    private final List<Violation> violations;

    public EnqueueRejectedException(QueueRef queue, List<Violation> violations) {
        super("cannot enqueue on " + queue.path() + ": " + String.join("; ",
                violations.stream().map(Violation::toString).toList()));
        this.queue = queue;
        this.violations = List.copyOf(violations);
    }

    public QueueRef queue() {
        return queue;
    }

    public List<Violation> violations() {
        return violations;
    }
}
