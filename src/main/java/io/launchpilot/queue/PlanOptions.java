package io.launchpilot.queue;

import java.util.Set;

/**
 * How to plan: {@code prune} deletes managed queues no spec names; {@code onlySpecs} leaves queues
 * no spec names out of the plan (to apply one queue); {@code entities} are read besides those the
 * specs name, so that pruning reaches an entity whose last spec was removed.
 */
public record PlanOptions(boolean prune, boolean onlySpecs, Set<String> entities) {

    public static final PlanOptions DEFAULT = new PlanOptions(false, false, Set.of());

    public PlanOptions {
        entities = entities == null ? Set.of() : Set.copyOf(entities);
    }
}
