package io.launchpilot.policy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A firing that would happen (dry run, fixture test), with its actions resolved.
 *
 * @param event the index of the fixture's event (from 0), or null
 * @param tick the index of the fixture's tick (from 0), or null
 * @param outcome {@code fire}, {@code audit}, {@code cooldown}, {@code rate-limited}, or {@code pending} for a
 *        firing that waits for {@code for:}
 */
@RegisterForReflection
public record FiringView(Integer event, Integer tick, String policy, String trigger, String subject, String key,
        String outcome, List<PlannedAction> actions) {

    static FiringView of(Integer event, Integer tick, Firing firing, String outcome) {
        return new FiringView(event, tick, firing.policy(), firing.trigger(), firing.subject(), firing.key(), outcome,
                firing.actions());
    }

    FiringView withOutcome(String other) {
        return new FiringView(event, tick, policy, trigger, subject, key, other, actions);
    }
}
