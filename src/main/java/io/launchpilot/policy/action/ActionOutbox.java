package io.launchpilot.policy.action;

import io.launchpilot.policy.Firing;
import io.launchpilot.policy.Firings;
import io.launchpilot.policy.PlannedAction;
import io.launchpilot.policy.PolicyMode;
import io.launchpilot.store.ActionState;
import io.launchpilot.store.FiringRecord;
import io.launchpilot.store.NewFiring;
import io.launchpilot.store.OutboxStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The durable action outbox: the engine's firings go in here, each with its actions, in one store
 * transaction; {@link ActionExecutor} takes them out and acts. Actions of an enforce firing start
 * {@code pending}, due at once; those of an audit firing are recorded {@code audit} and never run.
 */
@ApplicationScoped
public class ActionOutbox implements Firings {

    private static final Logger LOG = Logger.getLogger(ActionOutbox.class);

    private final OutboxStore store;
    private final Clock clock;
    private final ActionWakeUp wakeUp;

    ActionOutbox(OutboxStore store, Clock clock, ActionWakeUp wakeUp) {
        this.store = store;
        this.clock = clock;
        this.wakeUp = wakeUp;
    }

    /**
     * @throws IllegalArgumentException if an action has a type the outbox cannot run, or a key is
     *         longer than {@value NewFiring#MAX_KEY_LENGTH} characters; nothing is written
     */
    @Override
    public List<String> submit(List<Firing> firings) {
        List<NewFiring> planned = firings.stream().map(this::newFiring).toList();
        List<String> recorded = store.record(planned, clock.instant());
        Set<String> fresh = Set.copyOf(recorded);
        planned.stream().filter(firing -> fresh.contains(firing.key())).forEach(this::recorded);
        return recorded;
    }

    /**
     * @throws IllegalArgumentException as {@link #submit}; nothing is written or withdrawn
     */
    @Override
    public boolean replace(Firing firing) {
        NewFiring planned = newFiring(firing);
        OptionalInt withdrawn = store.recordReplacing(planned, clock.instant());
        if (withdrawn.isEmpty()) {
            return false;
        }
        if (withdrawn.getAsInt() > 0) {
            LOG.infof("policy %s: firing %s replaced the earlier firings of %s: %d actions that had not started "
                    + "cancelled", firing.policy(), firing.key(), firing.trigger(), withdrawn.getAsInt());
        }
        recorded(planned);
        return true;
    }

    private NewFiring newFiring(Firing firing) {
        Instant now = clock.instant();
        boolean audit = firing.mode() == PolicyMode.AUDIT;
        List<NewFiring.Action> actions = firing.actions().stream().map(action -> {
            checkType(firing, action);
            return audit
                    ? new NewFiring.Action(action.type(), action.params(), ActionState.AUDIT, null)
                    : new NewFiring.Action(action.type(), action.params(), ActionState.PENDING, now);
        }).toList();
        return new NewFiring(firing.key(), firing.policy(), firing.trigger(), firing.subject(), firing.eventId(),
                firing.mode().name().toLowerCase(Locale.ROOT), firing.firedAt(), actions);
    }

    private void recorded(NewFiring firing) {
        boolean audit = "audit".equals(firing.mode());
        LOG.debugf("policy %s fired (%s) on %s: %d actions, %s", firing.policy(), firing.key(), firing.subject(),
                firing.actions().size(), audit ? "audit only" : "queued");
        if (!audit && !firing.actions().isEmpty()) {
            wakeUp.signal();
        }
    }

    @Override
    public int countSince(String policy, Instant since) {
        return store.countFiringsSince(policy, since);
    }

    @Override
    public Optional<Instant> lastFiredAt(String policy) {
        return store.lastFiredAt(policy);
    }

    @Override
    public List<FiringRecord> recent(String policy, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return store.recentFirings(policy, limit);
    }

    @Override
    public boolean hasUnfinishedActions(String policy, String trigger) {
        return store.hasUnfinished(policy, trigger);
    }

    private static void checkType(Firing firing, PlannedAction action) {
        if (ActionType.of(action.type()).isEmpty()) {
            throw new IllegalArgumentException("policy " + firing.policy() + ": the outbox cannot run action "
                    + action.type());
        }
    }
}
