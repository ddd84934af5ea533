package io.launchpilot.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.filter.RunFilter;
import io.launchpilot.policy.expr.ExpressionException;
import io.launchpilot.spec.SpecProblem;
import io.launchpilot.store.Event;
import io.launchpilot.store.FiringRecord;
import io.launchpilot.wandb.RunRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the CLI and the REST API do with policies: list, show with recent firings, validate, dry-run one
 * policy on an event or a run, and test policies against a fixture. Nothing here acts.
 */
@ApplicationScoped
public class PolicyService {

    /** Firings shown with a policy. */
    static final int RECENT = 20;

    private final PolicyEngine engine;
    private final PolicyLoader loader;
    private final Subjects subjects;
    private final Instance<Firings> firings;
    private final Clock clock;
    private final PoliciesConfig config;

    @Inject
    PolicyService(PolicyEngine engine, PolicyLoader loader, Subjects subjects, Instance<Firings> firings, Clock clock,
            PoliciesConfig config) {
        this.engine = engine;
        this.loader = loader;
        this.subjects = subjects;
        this.firings = firings;
        this.clock = clock;
        this.config = config;
    }

    /**
     * A policy with its latest firings.
     *
     * @param firings newest first, empty when no outbox records them
     */
    public record Detail(PolicyView policy, List<FiringRecord> firings) {
    }

    /** The running policies (serve reads the folder at start and on every change). */
    public List<PolicyView> list() {
        engine.reload();
        return engine.policies().policies().stream().map(PolicyView::of).toList();
    }

    public Optional<Detail> get(String name) {
        engine.reload();
        return engine.policies().policy(name).map(policy -> new Detail(PolicyView.of(policy), firings.isResolvable() ? firings.get().recent(name, RECENT) : List.of()));
    }

    /**
     * Checks a policy text.
     *
     * @throws PolicySpecException with every problem when it is invalid
     */
    public List<PolicyView> validate(String text) {
        return loader.parse(PolicyLoader.BODY, text).policies().stream().map(PolicyView::of).toList();
    }

    /**
     * What one running policy would do now: for an event ({@code {type, subject, payload}}) each of its
     * triggers the event meets, for a run ({@code {run: "e/p/id"}}) its condition on that run. Reads W&B,
     * acts on nothing, records nothing; limits and {@code for:} are not applied.
     *
     * @return empty when there is no such policy
     * @throws IllegalArgumentException when the body is neither an event nor a run
     */
    public Optional<List<FiringView>> dryRun(String name, JsonNode body) {
        engine.reload();
        Optional<Policy> policy = engine.policies().policy(name);
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        Evaluator evaluator = new Evaluator(subjects);
        Instant now = clock.instant();
        if (body != null && body.hasNonNull("run") && !body.has("type")) {
            RunRef ref = RunRef.parse(body.path("run").asText());
            ObjectNode payload = JsonNodeFactory.instance.objectNode().put("entity", ref.entity()).put("project", ref.project())
                    .put("run", ref.name());
            Event event = new Event(0, "run.dry_run", ref.path(), "dry-run", now, payload);
            Policy onRun = new Policy(policy.get().name(), List.of(new Trigger.OnEvent("run.dry_run", Scope.ANY,
                    RunFilter.all(), policy.get().position())), policy.get().when(),
                    policy.get().whenText(), null, policy.get().actions(), Limits.NONE, policy.get().mode(),
                    policy.get().position());
            return Optional.of(fire(evaluator, onRun, event, null, now));
        }
        if (body == null || !body.hasNonNull("type") || !body.hasNonNull("subject")) {
            throw new IllegalArgumentException("a dry run takes an event {type, subject, payload} or a run {run: \"entity/project/id\"}");
        }
        JsonNode payload = body.path("payload").isObject() ? body.path("payload") : JsonNodeFactory.instance.objectNode();
        Event event = new Event(body.path("id").asLong(0), body.path("type").asText(), body.path("subject").asText(),
                body.path("source").asText("dry-run"), now, payload);
        return Optional.of(fire(evaluator, policy.get(), event, null, now));
    }

    /**
     * Feeds a fixture's events and cron ticks, in time order (an event before a tick of the same instant), to
     * policies, with the fixture's runs and sweeps standing in for W&B: the firings that would happen, limits
     * applied over the fixture's own times. A tick goes through the engine's own tick evaluation (a scoped
     * schedule's subjects are the fixture's runs matching {@code when}, at most
     * {@code launchpilot.policies.schedule-run-limit}); as a fixture acts on nothing and takes each tick at its
     * own minute, {@code concurrency} and {@code startingDeadline} never hold one back.
     *
     * @throws PolicySpecException when a tick names a policy that is not tested or has no schedule trigger
     */
    public List<FiringView> test(PolicySet policies, Fixture fixture) {
        checkTicks(policies, fixture.ticks());
        Evaluator evaluator = new Evaluator(fixture.subjects());
        Map<String, List<Instant>> fired = new HashMap<>();
        List<FiringView> result = new ArrayList<>();
        int event = 0;
        int tick = 0;
        while (event < fixture.events().size() || tick < fixture.ticks().size()) {
            boolean eventFirst = tick == fixture.ticks().size() || event < fixture.events().size()
                    && !fixture.events().get(event).observedAt().isAfter(fixture.ticks().get(tick).at());
            Instant now;
            List<FiringView> firings;
            if (eventFirst) {
                now = fixture.events().get(event).observedAt();
                firings = fire(evaluator, policies, fixture.events().get(event), event, now);
                event++;
            } else {
                now = fixture.ticks().get(tick).at();
                firings = tick(evaluator, policies, fixture.ticks().get(tick), tick);
                tick++;
            }
            for (FiringView firing : firings) {
                List<Instant> times = fired.computeIfAbsent(firing.policy(), p -> new ArrayList<>());
                Optional<String> refusal = policies.policy(firing.policy()).orElseThrow().limits().refusal(
                        () -> times.stream().max(Instant::compareTo),
                        since -> (int) times.stream().filter(t -> !t.isBefore(since)).count(), now);
                if (refusal.isEmpty() && !firing.outcome().equals("pending")) {
                    times.add(now);
                }
                result.add(refusal.map(firing::withOutcome).orElse(firing));
            }
        }
        return result;
    }

    private static void checkTicks(PolicySet policies, List<Fixture.Tick> ticks) {
        List<SpecProblem> problems = new ArrayList<>();
        for (Fixture.Tick tick : ticks) {
            if (tick.policy() != null && policies.policy(tick.policy()).stream().flatMap(p -> p.triggers().stream())
                    .noneMatch(Trigger.OnSchedule.class::isInstance)) {
                problems.add(SpecProblem.error(tick.position(), "ticks[].policy: no policy " + tick.policy()
                        + " with a schedule trigger among the policies tested"));
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicySpecException(problems);
        }
    }

    private static List<FiringView> fire(Evaluator evaluator, PolicySet policies, Event event, int index,
            Instant now) {
        List<FiringView> result = new ArrayList<>();
        for (Policy policy : policies.policies()) {
            result.addAll(fire(evaluator, policy, event, index, now));
        }
        return result;
    }

    /** The firings of the schedule triggers with a tick at this minute, as the engine decides them. */
    private List<FiringView> tick(Evaluator evaluator, PolicySet policies, Fixture.Tick tick, int index) {
        List<FiringView> result = new ArrayList<>();
        for (Policy policy : policies.policies()) {
            if (tick.policy() != null && !tick.policy().equals(policy.name())) {
                continue;
            }
            for (Trigger trigger : policy.triggers()) {
                if (trigger instanceof Trigger.OnSchedule schedule && schedule.ticksAt(tick.at())) {
                    for (Evaluator.Candidate candidate : evaluator.tick(policy, schedule, tick.at(),
                            config.scheduleRunLimit())) {
                        result.add(view(candidate, null, index, tick.at()));
                    }
                }
            }
        }
        return result;
    }

    private static List<FiringView> fire(Evaluator evaluator, Policy policy, Event event, Integer index, Instant now) {
        Evaluator.Occurrence occurrence = evaluator.occurrence(event, Map.of());
        List<FiringView> result = new ArrayList<>();
        for (Trigger trigger : policy.triggers()) {
            if (Evaluator.matches(trigger, event)) {
                evaluator.candidate(policy, trigger, occurrence)
                        .ifPresent(candidate -> result.add(view(candidate, index, null, now)));
            }
        }
        return result;
    }

    /** The firing of a candidate with its actions resolved, or why they cannot be. */
    private static FiringView view(Evaluator.Candidate candidate, Integer event, Integer tick, Instant now) {
        Policy policy = candidate.policy();
        try {
            Firing firing = Evaluator.plan(candidate, now);
            String outcome = policy.holdFor() != null ? "pending" : policy.mode() == PolicyMode.AUDIT ? "audit" : "fire";
            return FiringView.of(event, tick, firing, outcome);
        } catch (ExpressionException e) {
            return new FiringView(event, tick, policy.name(), candidate.trigger().id(), candidate.subject(),
                    candidate.key(), "unresolved: " + e.getMessage(), List.of());
        }
    }
}
