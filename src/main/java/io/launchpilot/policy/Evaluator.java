package io.launchpilot.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.policy.expr.Template;
import io.launchpilot.store.Event;
import io.launchpilot.wandb.ProjectRef;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.RunRef;
import io.launchpilot.wandb.Sweep;
import io.launchpilot.wandb.SweepRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The engine's decisions, without state: which triggers of a policy an event (or a cron tick) meets,
 * what the firing's subject is, whether {@code when} holds on it, and the firing with its actions
 * resolved. It reads subjects through {@link Subjects}; limits, {@code for:} and submitting are the
 * engine's.
 */
final class Evaluator {

    /** The ledger's type for an incoming webhook (written by the webhook receiver). */
    static final String WEBHOOK_RECEIVED = "webhook.received";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Subjects subjects;

    Evaluator(Subjects subjects) {
        this.subjects = subjects;
    }

    /**
     * A policy met by a trigger, about one subject, with everything {@code ${...}} may reach.
     *
     * @param key the firing key: the same for the same policy, trigger, subject and event or tick
     * @param run the subject run, or null
     * @param eventId the ledger event, or null for a cron tick
     */
    record Candidate(Policy policy, Trigger trigger, String subject, Run run, Map<String, Object> context, String key,
            Long eventId) {
    }

    /** What an event means to the policies: its subjects, read once for all policies. */
    final class Occurrence {

        final Event event;
        private final Map<String, Object> eventContext;
        private final Map<String, Run> known;
        private Map<String, Object> roots;

        Occurrence(Event event, Map<String, Run> known) {
            this.event = event;
            this.eventContext = FiringContext.event(event);
            this.known = known;
        }

        /** The roots of references for this event, read from W&B on first use. */
        Map<String, Object> roots(Trigger trigger) {
            if (roots == null || trigger instanceof Trigger.OnEvent on && on.type().startsWith("queue.item_")) {
                roots = readRoots(trigger);
            }
            return roots;
        }

        private Map<String, Object> readRoots(Trigger trigger) {
            Map<String, Object> found = new HashMap<>();
            found.put("event", eventContext);
            JsonNode payload = event.payload();
            String type = event.type();
            if (type.startsWith("run.")) {
                runAt(event.subject()).ifPresent(run -> found.put("run", run));
            } else if (type.startsWith("sweep.")) {
                Optional<Sweep> sweep = parse(() -> SweepRef.parse(event.subject())).flatMap(subjects::sweep);
                sweep.ifPresent(s -> {
                    Run best = subjects.bestRun(s).orElse(null);
                    found.put("sweep", FiringContext.sweep(s, best));
                    if (best != null) {
                        found.put("run", best);
                    }
                });
            } else if (type.startsWith("queue.item_")) {
                found.put("queueItem", FiringContext.queueItem(payload));
                String runName = payload.path("run").asText(null);
                if (runName != null && !runName.isBlank()) {
                    runProject(((Trigger.OnEvent) trigger).scope(), payload)
                            .flatMap(project -> subjects.run(new RunRef(project.entity(), project.name(), runName)))
                            .ifPresent(run -> found.put("run", run));
                }
            } else if (type.equals(WEBHOOK_RECEIVED)) {
                Map<String, Object> artifact = FiringContext.artifact(payload.path("artifact").asText(null),
                        payload.path("alias").asText(null));
                if (artifact != null) {
                    found.put("artifact", artifact);
                }
                runAt(payload.path("run").asText(null)).ifPresent(run -> found.put("run", run));
            }
            return found;
        }

        /**
         * Where a queue item's run is: W&B names only its short id. The trigger's {@code scope.project} says so
         * without a request; else the item's run spec (its {@code project}, and {@code entity} when given), read
         * from the queue while it still lists the item.
         */
        private Optional<ProjectRef> runProject(Scope scope, JsonNode payload) {
            String entity = scope.entity() != null ? scope.entity() : payload.path("entity").asText(null);
            if (entity == null) {
                return Optional.empty();
            }
            if (scope.project() != null) {
                return Optional.of(new ProjectRef(entity, scope.project()));
            }
            String queue = payload.path("queue").asText(null);
            String item = payload.path("item").asText(null);
            if (queue == null || item == null) {
                return Optional.empty();
            }
            return parse(() -> new QueueRef(entity, queue)).flatMap(ref -> subjects.queued(ref, item))
                    .flatMap(queued -> queued.runSpec().get("project") instanceof String project
                            ? parse(() -> new ProjectRef(queued.runSpec().get("entity") instanceof String owner
                                    ? owner : entity, project))
                            : Optional.empty());
        }

        private Optional<Run> runAt(String path) {
            return path == null || path.isBlank() ? Optional.empty()
                    : parse(() -> RunRef.parse(path)).flatMap(ref -> run(ref, known));
        }
    }

    /** An event whose subject run may be among {@code known} (by path), read already; others are read from W&B. */
    Occurrence occurrence(Event event, Map<String, Run> known) {
        return new Occurrence(event, known);
    }

    /** The run from {@code known} (read already, by path), else from W&B. */
    Optional<Run> run(RunRef ref, Map<String, Run> known) {
        Run run = known.get(ref.path());
        return run != null ? Optional.of(run) : subjects.run(ref);
    }

    /** Most run names asked for in one runs query by {@link #runs}. */
    static final int RUNS_PER_READ = 100;

    /**
     * The subject runs of a page's {@code run.*} events that a trigger listens to, read together (see
     * {@link #runs}) rather than one read per event; keyed by path. A run the query does not return is read
     * alone when its event is handled.
     */
    Map<String, Run> subjectRuns(PolicySet set, List<Event> events) {
        List<RunRef> refs = new ArrayList<>();
        for (Event event : events) {
            if (!event.type().startsWith("run.") || set.policies().stream()
                    .flatMap(policy -> policy.triggers().stream()).noneMatch(trigger -> matches(trigger, event))) {
                continue;
            }
            parse(() -> RunRef.parse(event.subject())).ifPresent(refs::add);
        }
        return runs(refs);
    }

    /**
     * Runs by path, read a project at a time: one runs query with {@code name $in} per {@value #RUNS_PER_READ}
     * runs. A project with a single run is left to the caller's own read of it (a query saves nothing), as is
     * any run the query does not return.
     */
    Map<String, Run> runs(Collection<RunRef> refs) {
        Map<ProjectRef, Set<String>> wanted = new LinkedHashMap<>();
        refs.forEach(ref -> wanted.computeIfAbsent(ref.projectRef(), project -> new LinkedHashSet<>()).add(ref.name()));
        Map<String, Run> found = new HashMap<>();
        wanted.forEach((project, names) -> {
            List<String> all = List.copyOf(names);
            for (int from = 0; all.size() > 1 && from < all.size(); from += RUNS_PER_READ) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + RUNS_PER_READ));
                subjects.runs(project, Map.of("name", Map.of("$in", chunk)), chunk.size())
                        .forEach(run -> found.put(run.ref().path(), run));
            }
        });
        return found;
    }

    /** Whether the trigger listens to this event: type, scope and {@code where}. */
    static boolean matches(Trigger trigger, Event event) {
        JsonNode payload = event.payload();
        String entity = payload.path("entity").asText(null);
        String project = payload.path("project").asText(null);
        if (trigger instanceof Trigger.OnEvent on) {
            return on.type().equals(event.type()) && on.scope().contains(entity, project)
                    && on.where().matches(payloadDocument(payload));
        }
        if (trigger instanceof Trigger.OnWebhook on) {
            return event.type().equals(WEBHOOK_RECEIVED) && on.source().equals(payload.path("source").asText(null))
                    && (on.eventType() == null || on.eventType().equalsIgnoreCase(payload.path("eventType").asText("")))
                    && on.scope().contains(entity, project) && on.where().matches(payloadDocument(payload));
        }
        return false;
    }

    /**
     * The candidate of a policy for an event its trigger matched: empty when the subject it needs is gone
     * or {@code when} does not hold.
     */
    Optional<Candidate> candidate(Policy policy, Trigger trigger, Occurrence occurrence) {
        Map<String, Object> roots = occurrence.roots(trigger);
        Run run = (Run) roots.get("run");
        if (needsRun(policy) && run == null) {
            return Optional.empty();
        }
        if (policy.when() != null && !holds(policy, run)) {
            return Optional.empty();
        }
        String subject = occurrence.event.subject();
        String key = policy.name() + "@e" + occurrence.event.id() + "-" + hash(trigger.id() + "|" + subject);
        return Optional.of(new Candidate(policy, trigger, subject, run, context(policy, roots, run, key),
                key, occurrence.event.id()));
    }

    /** The candidates of a cron tick: one without a subject, or one per run of the scope matching {@code when}. */
    List<Candidate> tick(Policy policy, Trigger.OnSchedule trigger, Instant tick, int runLimit) {
        Map<String, Object> roots = new HashMap<>();
        roots.put("schedule", Map.of("time", tick.toString()));
        if (trigger.scope() == null || policy.when() == null) {
            String key = policy.name() + "@t" + tick.getEpochSecond() + "-" + hash(trigger.id());
            return List.of(new Candidate(policy, trigger, trigger.id(), null, context(policy, roots, null, key), key,
                    null));
        }
        List<Candidate> candidates = new ArrayList<>();
        ProjectRef project = new ProjectRef(trigger.scope().entity(), trigger.scope().project());
        for (Run run : subjects.runs(project, policy.whenText(), runLimit)) {
            // the server filtered already; the local check keeps a server that filters less from firing wrongly
            scheduled(policy, trigger, tick, run).ifPresent(candidates::add);
        }
        return candidates;
    }

    /** The candidate of a scoped cron tick for one run, if {@code when} holds on it. */
    Optional<Candidate> scheduled(Policy policy, Trigger.OnSchedule trigger, Instant tick, Run run) {
        if (!holds(policy, run)) {
            return Optional.empty();
        }
        Map<String, Object> roots = new HashMap<>();
        roots.put("schedule", Map.of("time", tick.toString()));
        String subject = run.ref().path();
        String key = policy.name() + "@t" + tick.getEpochSecond() + "-" + hash(trigger.id() + "|" + subject);
        return Optional.of(new Candidate(policy, trigger, subject, run, context(policy, roots, run, key), key, null));
    }

    static boolean holds(Policy policy, Run run) {
        return policy.when() == null || (run != null && policy.when().matches(FiringContext.document(run)));
    }

    /**
     * The firing, every action's {@code ${...}} resolved and the subject's defaults filled in.
     *
     * @throws io.launchpilot.policy.expr.ExpressionException when a reference has no value for this subject
     */
    static Firing plan(Candidate candidate, Instant now) {
        List<PlannedAction> actions = new ArrayList<>();
        for (ActionTemplate template : candidate.policy().actions()) {
            ObjectNode params = (ObjectNode) resolve(template.params(), candidate.context());
            defaults(template.type(), params, candidate);
            actions.add(new PlannedAction(template.type(), params));
        }
        return new Firing(candidate.key(), candidate.policy().name(), candidate.trigger().id(), candidate.subject(),
                candidate.eventId(), candidate.policy().mode(), now, actions);
    }

    private static void defaults(String type, ObjectNode params, Candidate candidate) {
        Map<String, Object> context = candidate.context();
        switch (type) {
            case "tagRun", "updateRun" -> {
                if (!params.has("run") && candidate.run() != null) {
                    params.put("run", candidate.run().ref().path());
                }
            }
            case "setSweepState" -> {
                if (!params.has("sweep") && context.get("sweep") instanceof Map<?, ?> sweep) {
                    params.put("sweep", String.valueOf(sweep.get("path")));
                }
            }
            case "linkArtifact" -> {
                if (params.get("from") instanceof ObjectNode from && from.has("run") && !from.has("alias")) {
                    from.put("alias", "latest");
                }
            }
            case "log" -> {
                if (!params.has("level")) {
                    params.put("level", "info");
                }
            }
            case "webhook" -> {
                if (!params.has("body")) {
                    ObjectNode body = params.putObject("body");
                    body.put("policy", candidate.policy().name());
                    body.put("firingKey", candidate.key());
                    body.put("subject", candidate.subject());
                    body.put("trigger", candidate.trigger().id());
                    body.set("event", JSON.valueToTree(context.get("event")));
                }
            }
            default -> {
                // the other actions take no defaults from the subject
            }
        }
    }

    private static JsonNode resolve(JsonNode node, Map<String, Object> context) {
        if (node instanceof ObjectNode object) {
            ObjectNode result = JSON.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                result.set(field.getKey(), resolve(field.getValue(), context));
            }
            return result;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode result = JSON.createArrayNode();
            array.forEach(item -> result.add(resolve(item, context)));
            return result;
        }
        if (node.isTextual() && node.asText().contains("${")) {
            return JSON.valueToTree(Template.parse(node.asText()).resolve(context));
        }
        return node;
    }

    private static Map<String, Object> context(Policy policy, Map<String, Object> roots, Run run, String key) {
        Map<String, Object> context = new HashMap<>(roots);
        context.remove("run");
        if (run != null) {
            context.put("run", FiringContext.run(run));
        }
        context.put("policy", Map.of("name", policy.name()));
        context.put("firing", Map.of("key", key));
        return context;
    }

    /** Whether the policy cannot decide without a subject run: a {@code when}, or an action that acts on it. */
    private static boolean needsRun(Policy policy) {
        return policy.when() != null || policy.actions().stream().anyMatch(action -> (ActionRules.SUBJECT_DEFAULTS
                .getOrDefault(action.type(), Map.of()).containsValue("run") && !action.params().has("run"))
                || action.params().toString().contains("${run."));
    }

    /** The payload as the {@code where} filter sees it: state fields in lower case. */
    private static Map<String, Object> payloadDocument(JsonNode payload) {
        Map<String, Object> document = new LinkedHashMap<>();
        payload.fields().forEachRemaining(field -> {
            Object value = JSON.convertValue(field.getValue(), Object.class);
            document.put(field.getKey(), value instanceof String text && PolicyParser.STATE_FIELDS.contains(field.getKey())
                    ? text.toLowerCase(Locale.ROOT) : value);
        });
        return document;
    }

    /** What {@code parser} reads, or empty when the text is no such reference (a run, sweep or queue path). */
    static <T> Optional<T> parse(Supplier<T> parser) {
        try {
            return Optional.of(parser.get());
        } catch (IllegalArgumentException notAPath) {
            return Optional.empty();
        }
    }

    /** Eight hex digits of SHA-256: short, stable, and safe in a URL. */
    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
