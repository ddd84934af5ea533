package io.launchpilot.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.filter.RunFilter;
import io.launchpilot.policy.expr.ExpressionException;
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

    @Inject
    PolicyService(PolicyEngine engine, PolicyLoader loader, Subjects subjects, Instance<Firings> firings, Clock clock) {
        this.engine = engine;
        this.loader = loader;
        this.subjects = subjects;
        this.firings = firings;
        this.clock = clock;
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
     * Feeds a fixture's events, in order, to policies, with the fixture's runs and sweeps standing in for
     * W&B: the firings that would happen, limits applied over the fixture's own times.
     */
    public List<FiringView> test(PolicySet policies, Fixture fixture) {
        Evaluator evaluator = new Evaluator(fixture.subjects());
        Map<String, List<Instant>> fired = new HashMap<>();
        List<FiringView> result = new ArrayList<>();
        for (int i = 0; i < fixture.events().size(); i++) {
            Event event = fixture.events().get(i);
            for (Policy policy : policies.policies()) {
                for (FiringView firing : fire(evaluator, policy, event, i, event.observedAt())) {
                    List<Instant> times = fired.computeIfAbsent(policy.name(), p -> new ArrayList<>());
                    Optional<String> refusal = policy.limits().refusal(times.stream().max(Instant::compareTo),
                            since -> (int) times.stream().filter(t -> !t.isBefore(since)).count(), event.observedAt());
                    if (refusal.isEmpty() && !firing.outcome().equals("pending")) {
                        times.add(event.observedAt());
                    }
                    result.add(refusal.map(reason -> new FiringView(firing.event(), firing.policy(), firing.trigger(),
                            firing.subject(), firing.key(), reason, firing.actions())).orElse(firing));
                }
            }
        }
        return result;
    }

    private static List<FiringView> fire(Evaluator evaluator, Policy policy, Event event, Integer index, Instant now) {
        Evaluator.Occurrence occurrence = evaluator.occurrence(event);
        List<FiringView> result = new ArrayList<>();
        for (Trigger trigger : policy.triggers()) {
            if (!Evaluator.matches(trigger, event)) {
                continue;
            }
            evaluator.candidate(policy, trigger, occurrence).ifPresent(candidate -> {
                try {
                    Firing firing = Evaluator.plan(candidate, now);
                    String outcome = policy.holdFor() != null ? "pending"
                            : policy.mode() == PolicyMode.AUDIT ? "audit" : "fire";
                    result.add(FiringView.of(index, firing, outcome));
                } catch (ExpressionException e) {
                    result.add(new FiringView(index, policy.name(), trigger.id(), candidate.subject(),
                            candidate.key(), "unresolved: " + e.getMessage(), List.of()));
                }
            });
        }
        return result;
    }
}
