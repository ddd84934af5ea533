package io.launchpilot.policy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A firing that would happen (dry run, fixture test), with its actions resolved.
 *
 * @param event the index of the fixture's event (from 0), or null
 * @param outcome {@code fire}, {@code audit}, {@code cooldown}, {@code rate-limited}, or {@code pending} for a
 *        firing that waits for {@code for:}
 */
@RegisterForReflection
public record FiringView(Integer event, String policy, String trigger, String subject, String key, String outcome,
        List<PlannedAction> actions) {

    static FiringView of(Integer event, Firing firing, String outcome) {
        return new FiringView(event, firing.policy(), firing.trigger(), firing.subject(), firing.key(), outcome,
                firing.actions());
    }
}
