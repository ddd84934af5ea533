package io.launchpilot.policy;

import io.launchpilot.metrics.MetricNames;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.policy.expr.ExpressionException;
import io.launchpilot.spec.SpecFiles;
import io.launchpilot.spec.SpecProblem;
import io.launchpilot.store.Cursor;
import io.launchpilot.store.Event;
import io.launchpilot.store.EventPage;
import io.launchpilot.store.EventQuery;
import io.launchpilot.store.Leadership;
import io.launchpilot.store.Store;
import io.launchpilot.store.StoreException;
import io.launchpilot.store.StoreMigration;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.RunRef;
import io.launchpilot.wandb.WandbException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the policies: reads the event ledger from a durable cursor, fires cron triggers (at most one
 * missed tick caught up), re-checks pending {@code for:} conditions, applies limits, and hands the
 * firings to {@link Firings}, those of a page of events together. Exactly once comes from the firing
 * keys: a re-read event or a repeated tick gives the same key, which {@link Firings#submit} leaves out.
 * Its state lives in the store as cursors ({@code policy:*}) and the snapshots of scope {@value #PENDING}.
 */
@ApplicationScoped
public class PolicyEngine {

    static final String EVENTS = "policy:events";
    static final String PENDING = "policy:pending";
    /** Most pages of events one round reads while there is a backlog (5,000 events at the default batch size). */
    static final int MAX_PAGES_PER_ROUND = 25;

    private static final Logger LOG = Logger.getLogger(PolicyEngine.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final Instance<Firings> firings;
    private final Evaluator evaluator;
    private final PolicyLoader loader;
    private final PoliciesConfig config;
    private final Leadership leadership;
    private final Clock clock;
    private final MeterRegistry meters;
    private final StoreMigration migration;
    private final boolean serving;
    private final AtomicReference<PolicySet> running = new AtomicReference<>(PolicySet.EMPTY);
    private volatile String fingerprint;
    private volatile List<SpecProblem> rejected = List.of();

    @Inject
    PolicyEngine(Store store, Instance<Firings> firings, Subjects subjects,
            PolicyLoader loader, PoliciesConfig config, Leadership leadership, Clock clock, MeterRegistry meters,
            StoreMigration migration, @ConfigProperty(name = "launchpilot.run-mode") Optional<String> runMode) {
        this.store = store;
        this.firings = firings;
        this.evaluator = new Evaluator(subjects);
        this.loader = loader;
        this.config = config;
        this.leadership = leadership;
        this.clock = clock;
        this.meters = meters;
        this.migration = migration;
        this.serving = StoreMigration.usesStore(runMode);
    }

    /** The policies running now. */
    public PolicySet policies() {
        return running.get();
    }

    /** The problems of the last policy files that were rejected (the running set stayed), empty when none. */
    public List<SpecProblem> rejected() {
        return rejected;
    }

    /**
     * Reads the policy folder again if a file changed. A set that validates replaces the running one as a
     * whole; an invalid one is logged with its {@code file:line:column} reasons and the running set stays.
     *
     * @return whether the running set was replaced
     */
    public boolean reload() {
        String now = SpecFiles.fingerprint(loader.defaultDirectory());
        if (now.equals(fingerprint)) {
            return false;
        }
        fingerprint = now;
        try {
            PolicySet set = loader.load(List.of());
            running.set(set);
            rejected = List.of();
            LOG.infof("policies loaded: %d from %s", set.policies().size(), loader.defaultDirectory());
            return true;
        } catch (PolicySpecException e) {
            rejected = e.problems();
            LOG.errorf("policies in %s rejected, the %d running policies stay:%n  %s", loader.defaultDirectory(),
                    running.get().policies().size(), String.join("\n  ", e.problems().stream()
                            .map(SpecProblem::toString).toList()));
            return false;
        }
    }

    /**
     * One round while serving: reload changed policy files; then, on the leader only, new events, pending
     * {@code for:} conditions and cron ticks. Without an action outbox to hand firings to, nothing fires.
     */
    public void run() {
        if (!serving) {
            return;
        }
        reload();
        if (!leadership.isLeader() || !migration.done() || firings.isUnsatisfied()) {
            return;
        }
        // a backlog (a burst of events) is worked off now, page after page, not one page per interval;
        // bounded, so that pending conditions and cron ticks are looked at in time under a steady flood
        for (int page = 0; page < MAX_PAGES_PER_ROUND; page++) {
            if (processEvents(clock.instant()) < config.batchSize() || !leadership.isLeader()) {
                break;
            }
        }
        Instant now = clock.instant();
        recheckPending(now);
        runSchedules(now);
    }

    /**
     * Hands the firings of new ledger events to the outbox, then moves the cursor past them. A failure to
     * read a subject from W&B stops the round before that event, which the next round reads again.
     *
     * @return how many events were looked at
     */
    int processEvents(Instant now) {
        Cursor cursor = store.cursor(EVENTS);
        if (cursor.version() == 0) {
            // a new installation starts at the ledger's end rather than acting on history
            long end = store.lastEventId();
            store.transaction(tx -> tx.moveCursor(EVENTS, 0, String.valueOf(end), now));
            return 0;
        }
        long after = Long.parseLong(cursor.position());
        EventPage page = store.events(EventQuery.after(after, config.batchSize()));
        long done = after;
        PolicySet set = running.get();
        Decisions decisions = new Decisions();
        Map<String, Run> known;
        try {
            known = evaluator.subjectRuns(set, page.items());
        } catch (WandbException e) {
            LOG.warnf("policies: the runs of events %d to %d are read one by one: %s", after + 1,
                    page.items().isEmpty() ? after : page.items().get(page.items().size() - 1).id(), e.getMessage());
            known = Map.of();
        }
        for (Event event : page.items()) {
            try {
                handle(set, event, known, now, decisions);
            } catch (WandbException | StoreException e) {
                LOG.warnf("policies: event %d (%s %s) waits for the next round: %s", event.id(), event.type(),
                        event.subject(), e.getMessage());
                break;
            }
            done = event.id();
        }
        // before the cursor moves past their events; a crash in between re-reads them, and their keys are known
        decisions.record();
        if (done != after) {
            long moved = done;
            store.transaction(tx -> tx.moveCursor(EVENTS, cursor.version(), String.valueOf(moved), now));
        }
        return (int) (done - after);
    }

    private void handle(PolicySet set, Event event, Map<String, Run> known, Instant now, Decisions decisions) {
        Evaluator.Occurrence occurrence = evaluator.occurrence(event, known);
        for (Policy policy : set.policies()) {
            for (Trigger trigger : policy.triggers()) {
                if (!Evaluator.matches(trigger, event)) {
                    continue;
                }
                Timer.Sample sample = Timer.start(meters);
                Optional<Evaluator.Candidate> candidate = evaluator.candidate(policy, trigger, occurrence);
                sample.stop(meters.timer(MetricNames.POLICY_EVALUATION, "trigger", trigger.kind()));
                candidate.ifPresent(c -> decisions.offer(c, now, false));
            }
        }
    }

    /**
     * The firings a round decided, recorded together: those of a page of events in one store transaction
     * rather than one each, and the {@code for:} conditions it noticed in another. Limits are read from the
     * recorded firings, so a policy with limits first has its own waiting firings recorded.
     */
    private final class Decisions {

        private final Firings outbox = firings.get();
        private final List<Evaluator.Candidate> candidates = new ArrayList<>();
        private final List<Firing> waiting = new ArrayList<>();
        private final Set<String> waitingPolicies = new HashSet<>();
        /** The {@code for:} conditions noticed, by key, recorded with the firings. */
        private final Map<String, Evaluator.Candidate> pendingCandidates = new LinkedHashMap<>();
        private final Map<String, String> pendingStates = new LinkedHashMap<>();
        /** The keys of the pending conditions in the store, read on first need. */
        private Set<String> pendingKeys;

        /**
         * Fires a candidate, unless it must first hold for a while ({@code for:}) or a limit forbids it.
         *
         * @param held whether {@code for:} is already satisfied
         */
        void offer(Evaluator.Candidate candidate, Instant now, boolean held) {
            Policy policy = candidate.policy();
            if (policy.holdFor() != null && !held) {
                startPending(candidate, now);
                return;
            }
            if (policy.limits().any() && waitingPolicies.contains(policy.name())) {
                record();
            }
            Optional<String> refusal = policy.limits().refusal(() -> outbox.lastFiredAt(policy.name()),
                    since -> outbox.countSince(policy.name(), since), now);
            if (refusal.isPresent()) {
                count(candidate, refusal.get());
                return;
            }
            Firing firing;
            try {
                firing = Evaluator.plan(candidate, now);
            } catch (ExpressionException e) {
                LOG.warnf("policy %s: not fired for %s: %s", policy.name(), candidate.subject(), e.getMessage());
                count(candidate, "unresolved");
                return;
            }
            if (replaces(candidate.trigger(), firing)) {
                record();
                recorded(candidate, firing, outbox.replace(firing));
                return;
            }
            candidates.add(candidate);
            waiting.add(firing);
            waitingPolicies.add(policy.name());
        }

        /** Records the waiting firings in one transaction, then the noticed {@code for:} conditions in another. */
        void record() {
            if (!waiting.isEmpty()) {
                Set<String> fresh = Set.copyOf(outbox.submit(waiting));
                for (int i = 0; i < waiting.size(); i++) {
                    recorded(candidates.get(i), waiting.get(i), fresh.contains(waiting.get(i).key()));
                }
                candidates.clear();
                waiting.clear();
                waitingPolicies.clear();
            }
            if (!pendingStates.isEmpty()) {
                store.transaction(tx -> {
                    tx.putSnapshots(PENDING, pendingStates);
                    return null;
                });
                pendingCandidates.values().forEach(candidate -> count(candidate, "pending"));
                pendingCandidates.clear();
                pendingStates.clear();
            }
        }

        /** Notes a {@code for:} condition that holds, unless it is pending already. */
        private void startPending(Evaluator.Candidate candidate, Instant now) {
            if (pendingKeys == null) {
                pendingKeys = new HashSet<>(store.snapshots(PENDING).keySet());
            }
            if (!pendingKeys.add(candidate.key())) {
                return;
            }
            ObjectNode state = JSON.createObjectNode();
            state.put("policy", candidate.policy().name());
            state.put("trigger", candidate.trigger().id());
            state.put("since", now.toString());
            if (candidate.eventId() != null) {
                state.put("event", candidate.eventId());
            } else {
                state.put("tick", String.valueOf(candidate.context().get("schedule") instanceof Map<?, ?> s
                        ? s.get("time") : null));
            }
            if (candidate.run() != null) {
                state.put("run", candidate.run().ref().path());
            }
            pendingCandidates.put(candidate.key(), candidate);
            pendingStates.put(candidate.key(), state.toString());
        }

        private void recorded(Evaluator.Candidate candidate, Firing firing, boolean fresh) {
            count(candidate, fresh ? (firing.mode() == PolicyMode.AUDIT ? "audited" : "fired") : "duplicate");
            if (fresh) {
                LOG.infof("policy %s fired (%s) on %s: %s", candidate.policy().name(),
                        firing.mode().name().toLowerCase(Locale.ROOT), firing.subject(), firing.key());
            }
        }
    }

    /** Whether the firing withdraws its trigger's earlier ones; an audit firing acts on nothing, so it never does. */
    private static boolean replaces(Trigger trigger, Firing firing) {
        return trigger instanceof Trigger.OnSchedule schedule && schedule.concurrency() == Trigger.Concurrency.REPLACE
                && firing.mode() == PolicyMode.ENFORCE;
    }

    /**
     * Looks again at every pending {@code for:} condition: one that stopped holding (or whose policy or
     * subject is gone) is dropped, one that held long enough fires with the key it was noticed with. The
     * runs of all of them are read together first (a runs query per project and 100 runs), so that many
     * pending conditions cost W&B a few requests a round, not one each.
     */
    void recheckPending(Instant now) {
        PolicySet set = running.get();
        Map<String, JsonNode> pending = new LinkedHashMap<>();
        store.snapshots(PENDING).forEach((key, json) -> pending.put(key, read(json)));
        Map<Long, Event> events = new HashMap<>();
        List<RunRef> runs = new ArrayList<>();
        for (JsonNode state : pending.values()) {
            if (state.has("event")) {
                long id = state.path("event").asLong();
                store.events(EventQuery.after(id - 1, 1)).items().stream().filter(event -> event.id() == id)
                        .findFirst().ifPresent(event -> {
                            events.put(id, event);
                            Evaluator.parse(() -> RunRef.parse(event.subject())).ifPresent(runs::add);
                        });
            } else if (state.has("run")) {
                Evaluator.parse(() -> RunRef.parse(state.path("run").asText())).ifPresent(runs::add);
            }
        }
        Map<String, Run> known;
        try {
            known = evaluator.runs(runs);
        } catch (WandbException e) {
            LOG.warnf("policies: the runs of pending conditions are read one by one: %s", e.getMessage());
            known = Map.of();
        }
        for (Map.Entry<String, JsonNode> entry : pending.entrySet()) {
            try {
                Decisions decisions = new Decisions();
                boolean over = recheck(set, entry.getValue(), events, known, now, decisions);
                decisions.record();
                if (over) {
                    store.transaction(tx -> {
                        tx.deleteSnapshots(PENDING, List.of(entry.getKey()));
                        return null;
                    });
                }
            } catch (WandbException e) {
                LOG.warnf("policies: pending %s waits for the next round: %s", entry.getKey(), e.getMessage());
            }
        }
    }

    /**
     * @param events the pending conditions' events by id (one deleted by retention is missing)
     * @param known runs read already, by path
     * @return whether the pending entry is done with (fired or dropped)
     */
    private boolean recheck(PolicySet set, JsonNode state, Map<Long, Event> events, Map<String, Run> known,
            Instant now, Decisions decisions) {
        Optional<Policy> policy = set.policy(state.path("policy").asText());
        Optional<Trigger> trigger = policy.flatMap(p -> p.triggers().stream()
                .filter(t -> t.id().equals(state.path("trigger").asText())).findFirst());
        if (trigger.isEmpty() || policy.get().holdFor() == null) {
            return true;
        }
        Optional<Evaluator.Candidate> candidate;
        if (state.has("event")) {
            Event event = events.get(state.path("event").asLong());
            if (event == null) {
                return true;
            }
            candidate = evaluator.candidate(policy.get(), trigger.get(), evaluator.occurrence(event, known));
        } else if (trigger.get() instanceof Trigger.OnSchedule schedule && state.has("run")) {
            candidate = evaluator.run(RunRef.parse(state.path("run").asText()), known).flatMap(run ->
                    evaluator.scheduled(policy.get(), schedule, Instant.parse(state.path("tick").asText()), run));
        } else {
            return true;
        }
        if (candidate.isEmpty()) {
            LOG.infof("policy %s: the condition on %s stopped holding before %s", policy.get().name(),
                    state.path("run").asText(state.path("event").asText()), policy.get().holdFor());
            return true;
        }
        Instant since = Instant.parse(state.path("since").asText());
        if (since.plus(policy.get().holdFor()).isAfter(now)) {
            return false;
        }
        decisions.offer(candidate.get(), now, true);
        return true;
    }

    /**
     * Fires the cron triggers whose latest tick was not handled yet. After downtime only the latest missed
     * tick fires (and only within its {@code startingDeadline}); a trigger seen for the first time starts
     * with its next tick.
     */
    void runSchedules(Instant now) {
        for (Policy policy : running.get().policies()) {
            for (Trigger trigger : policy.triggers()) {
                if (trigger instanceof Trigger.OnSchedule schedule) {
                    try {
                        schedule(policy, schedule, now);
                    } catch (WandbException e) {
                        LOG.warnf("policy %s: tick of %s waits for the next round: %s", policy.name(), schedule.cron(),
                                e.getMessage());
                    }
                }
            }
        }
    }

    private void schedule(Policy policy, Trigger.OnSchedule trigger, Instant now) {
        String scope = "policy:" + policy.name() + ":" + trigger.id() + "@" + trigger.timezone();
        Cursor cursor = store.cursor(scope);
        Optional<ZonedDateTime> latest = trigger.times().lastExecution(now.atZone(trigger.timezone()));
        if (latest.isEmpty()) {
            return;
        }
        Instant tick = latest.get().toInstant();
        ObjectNode position = JSON.createObjectNode();
        position.put("tick", tick.toString());
        if (cursor.version() == 0) {
            store.transaction(tx -> tx.moveCursor(scope, 0, position.toString(), now));
            return;
        }
        JsonNode last = read(cursor.position());
        if (!Instant.parse(last.path("tick").asText()).isBefore(tick)) {
            return;
        }
        boolean late = trigger.startingDeadline() != null && tick.plus(trigger.startingDeadline()).isBefore(now);
        boolean busy = trigger.concurrency() == Trigger.Concurrency.FORBID
                && firings.get().hasUnfinishedActions(policy.name(), trigger.id());
        if (late || busy) {
            LOG.infof("policy %s: tick %s of %s skipped (%s)", policy.name(), tick, trigger.cron(),
                    late ? "past its startingDeadline" : "the previous firing is still acting");
            meters.counter(MetricNames.POLICY_TICKS_SKIPPED, "policy", policy.name(),
                    "reason", late ? "deadline" : "forbid").increment();
        } else {
            Decisions decisions = new Decisions();
            for (Evaluator.Candidate candidate : evaluator.tick(policy, trigger, tick, config.scheduleRunLimit())) {
                decisions.offer(candidate, now, false);
            }
            decisions.record();
        }
        store.transaction(tx -> tx.moveCursor(scope, cursor.version(), position.toString(), now));
    }

    private void count(Evaluator.Candidate candidate, String outcome) {
        meters.counter(MetricNames.POLICY_FIRINGS, "policy", candidate.policy().name(),
                "trigger", candidate.trigger().kind(), "outcome", outcome).increment();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("unreadable policy state (a cursor or a pending condition): " + e.getMessage(), e);
        }
    }
}
