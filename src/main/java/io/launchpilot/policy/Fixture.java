package io.launchpilot.policy;

import static io.launchpilot.spec.YamlSource.describe;
import static io.launchpilot.spec.YamlSource.isNull;
import static io.launchpilot.spec.YamlSource.keys;
import static io.launchpilot.spec.YamlSource.shown;
import static io.launchpilot.spec.YamlSource.value;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.filter.RunFilter;
import io.launchpilot.spec.Position;
import io.launchpilot.spec.SpecProblem;
import io.launchpilot.spec.YamlSource;
import io.launchpilot.store.Event;
import io.launchpilot.sweep.SweepService;
import io.launchpilot.wandb.ProjectRef;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.QueuedRun;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.RunRef;
import io.launchpilot.wandb.Sweep;
import io.launchpilot.wandb.SweepRef;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The input of {@code policies test}: the events to feed the policies, the runs and sweeps as the engine
 * would read them from W&B, and optionally the firings expected (as {@code promtool test rules} does).
 *
 * <pre>
 * runs:
 *   - { path: acme/vision/r1, state: finished, config: {lr: 0.01}, summary: {val_acc: 0.95}, tags: [], sweep: s1 }
 * sweeps:
 *   - { path: acme/vision/s1, state: FINISHED, config: {metric: {name: val_acc, goal: maximize}} }
 * events:
 *   - { type: run.state_changed, subject: acme/vision/r1, at: "2026-01-01T00:00:00Z",
 *       payload: {entity: acme, project: vision, run: r1, from: running, to: finished} }
 * ticks:
 *   - { at: "2026-01-02T02:00:00Z", policy: nightly }
 * expect:
 *   - { policy: promote, subject: acme/vision/r1 }
 * </pre>
 *
 * Read like the policies: every problem at once, each at its {@code file:line:column}.
 */
public record Fixture(List<Event> events, List<Tick> ticks, Map<String, Run> runs, Map<String, Sweep> sweeps,
        List<Expected> expect) {

    /** A firing the fixture expects; null {@code expect} means only print what fires. */
    public record Expected(String policy, String subject) {
    }

    /**
     * A cron minute: the schedule triggers (of {@code policy}, or of every policy) with a tick at {@code at}
     * fire as the engine would fire them then.
     *
     * @param at a whole minute
     * @param policy the policy's name, or null for all
     * @param position where the tick stands in the fixture, to report a policy that does not exist
     */
    public record Tick(Instant at, String policy, Position position) {
    }

    private static final Set<String> TOP_KEYS = keys("runs", "sweeps", "events", "ticks", "expect");
    private static final Set<String> RUN_KEYS = keys("path", "displayName", "state", "config", "summary", "tags",
            "group", "jobType", "sweep", "createdAt", "heartbeatAt");
    private static final Set<String> SWEEP_KEYS = keys("path", "displayName", "method", "state", "config");
    private static final Set<String> EVENT_KEYS = keys("type", "subject", "source", "at", "payload");
    private static final Set<String> TICK_KEYS = keys("at", "policy");
    private static final Set<String> EXPECT_KEYS = keys("policy", "subject");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a fixture, reporting every problem at once.
     *
     * @param source the file name the problems' positions name
     * @throws PolicySpecException with every problem, each at {@code source:line:column}, in file order
     */
    public static Fixture parse(String source, String text) {
        YamlSource yaml = new YamlSource(source);
        List<Node> documents = yaml.documents(text);
        if (yaml.errorCount() > 0) {
            // a syntax error ends the reading: the documents before it are not the whole fixture
            throw new PolicySpecException(yaml.problems());
        }
        if (documents.size() > 1) {
            yaml.error(documents.get(1), "a fixture is one YAML document");
        }
        Fixture fixture = documents.isEmpty() || isNull(documents.get(0)) ? reportEmpty(yaml) : fixture(yaml, documents.get(0));
        if (yaml.errorCount() > 0) {
            throw new PolicySpecException(yaml.problems());
        }
        return fixture;
    }

    private static Fixture reportEmpty(YamlSource yaml) {
        yaml.report(SpecProblem.error(Position.start(yaml.source()), "the fixture is empty: it needs events or ticks"));
        return null;
    }

    private static Fixture fixture(YamlSource yaml, Node node) {
        if (!(node instanceof MappingNode root)) {
            yaml.error(node, "the fixture must be a mapping with events or ticks, and optionally runs, sweeps and expect,"
                    + " got " + describe(node));
            return null;
        }
        Map<String, NodeTuple> fields = yaml.fields(root, "the fixture", TOP_KEYS);
        Map<String, Run> runs = new LinkedHashMap<>();
        for (MappingNode item : items(yaml, value(fields, "runs"), "runs")) {
            run(yaml, item).ifPresent(run -> unique(yaml, item, runs, run.ref().path(), run, "run"));
        }
        Map<String, Sweep> sweeps = new LinkedHashMap<>();
        for (MappingNode item : items(yaml, value(fields, "sweeps"), "sweeps")) {
            sweep(yaml, item).ifPresent(sweep -> unique(yaml, item, sweeps, sweep.ref().path(), sweep, "sweep"));
        }
        List<Event> events = new ArrayList<>();
        for (MappingNode item : items(yaml, value(fields, "events"), "events")) {
            Instant before = events.isEmpty() ? null : events.get(events.size() - 1).observedAt();
            event(yaml, item, events.size() + 1, before).ifPresent(event -> {
                inTimeOrder(yaml, item, "events", before, event.observedAt());
                events.add(event);
            });
        }
        List<Tick> ticks = new ArrayList<>();
        for (MappingNode item : items(yaml, value(fields, "ticks"), "ticks")) {
            tick(yaml, item).ifPresent(tick -> {
                inTimeOrder(yaml, item, "ticks", ticks.isEmpty() ? null : ticks.get(ticks.size() - 1).at(), tick.at());
                ticks.add(tick);
            });
        }
        Node eventsNode = value(fields, "events");
        Node ticksNode = value(fields, "ticks");
        if (empty(eventsNode) && empty(ticksNode)) {
            yaml.error(eventsNode != null ? eventsNode : ticksNode != null ? ticksNode : root,
                    "the fixture has no events or ticks: it needs at least one");
        }
        List<Expected> expect = null;
        if (fields.containsKey("expect")) {
            expect = new ArrayList<>();
            for (MappingNode item : items(yaml, value(fields, "expect"), "expect")) {
                Map<String, NodeTuple> firing = yaml.fields(item, "an expected firing", EXPECT_KEYS);
                String policy = required(yaml, item, firing, "policy", "expect[]");
                String subject = required(yaml, item, firing, "subject", "expect[]");
                if (policy != null && subject != null) {
                    expect.add(new Expected(policy, subject));
                }
            }
        }
        return new Fixture(events, ticks, runs, sweeps, expect);
    }

    /**
     * Events, and ticks, are listed in time order: the test feeds both lists merged by time, and a list out of
     * order is more likely a typo than a wish.
     */
    private static void inTimeOrder(YamlSource yaml, MappingNode item, String list, Instant before, Instant at) {
        if (before != null && at.isBefore(before)) {
            yaml.error(item, list + "[].at must not be before the one above it (" + before + "), got " + at);
        }
    }

    private static boolean empty(Node list) {
        return list == null || isNull(list) || list instanceof SequenceNode sequence && sequence.getValue().isEmpty();
    }

    private static Optional<Tick> tick(YamlSource yaml, MappingNode item) {
        Map<String, NodeTuple> fields = yaml.fields(item, "a tick", TICK_KEYS);
        int errorsBefore = yaml.errorCount();
        Instant at = instant(yaml, fields, "at", "ticks[]");
        if (at == null && value(fields, "at") == null) {
            yaml.error(item, "ticks[].at is required");
        } else if (at != null && (at.getEpochSecond() % 60 != 0 || at.getNano() != 0)) {
            yaml.error(value(fields, "at"), "ticks[].at must be a whole minute (cron ticks are), got " + at);
        }
        String policy = text(yaml, fields, "policy", "ticks[]");
        if (yaml.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new Tick(at, policy, yaml.position(item)));
    }

    private static Optional<Run> run(YamlSource yaml, MappingNode item) {
        Map<String, NodeTuple> fields = yaml.fields(item, "a run", RUN_KEYS);
        int errorsBefore = yaml.errorCount();
        RunRef ref = ref(yaml, item, fields, "runs[]", RunRef::parse);
        String displayName = text(yaml, fields, "displayName", "runs[]");
        String state = text(yaml, fields, "state", "runs[]");
        Map<String, Object> config = mapping(yaml, fields, "config", "runs[]");
        Map<String, Object> summary = mapping(yaml, fields, "summary", "runs[]");
        List<String> tags = tags(yaml, value(fields, "tags"));
        String group = text(yaml, fields, "group", "runs[]");
        String jobType = text(yaml, fields, "jobType", "runs[]");
        String sweep = text(yaml, fields, "sweep", "runs[]");
        Instant createdAt = instant(yaml, fields, "createdAt", "runs[]");
        Instant heartbeatAt = instant(yaml, fields, "heartbeatAt", "runs[]");
        if (yaml.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new Run(ref.name(), ref, displayName != null ? displayName : ref.name(),
                state != null ? state : "finished", config, Map.of(), summary, tags, group, jobType, sweep, createdAt,
                heartbeatAt, null, null, null, null));
    }

    private static Optional<Sweep> sweep(YamlSource yaml, MappingNode item) {
        Map<String, NodeTuple> fields = yaml.fields(item, "a sweep", SWEEP_KEYS);
        int errorsBefore = yaml.errorCount();
        SweepRef ref = ref(yaml, item, fields, "sweeps[]", SweepRef::parse);
        String displayName = text(yaml, fields, "displayName", "sweeps[]");
        String method = text(yaml, fields, "method", "sweeps[]");
        String state = text(yaml, fields, "state", "sweeps[]");
        Map<String, Object> config = mapping(yaml, fields, "config", "sweeps[]");
        if (yaml.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new Sweep(ref.name(), ref, displayName != null ? displayName : ref.name(),
                method != null ? method : "random", state != null ? state : "FINISHED", null, null, config, null, null,
                0, null));
    }

    /** An event; without {@code at}, it comes a second after {@code before} (the event above it; the epoch for the first). */
    private static Optional<Event> event(YamlSource yaml, MappingNode item, long id, Instant before) {
        Map<String, NodeTuple> fields = yaml.fields(item, "an event", EVENT_KEYS);
        int errorsBefore = yaml.errorCount();
        String type = required(yaml, item, fields, "type", "events[]");
        String subject = required(yaml, item, fields, "subject", "events[]");
        String source = text(yaml, fields, "source", "events[]");
        Instant at = instant(yaml, fields, "at", "events[]");
        Map<String, Object> payload = mapping(yaml, fields, "payload", "events[]");
        if (yaml.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new Event(id, type, subject, source != null ? source : "fixture",
                at != null ? at : (before != null ? before : Instant.EPOCH).plusSeconds(1), JSON.valueToTree(payload)));
    }

    /** The mappings of a list; a missing or null list is empty, anything else is reported. */
    private static List<MappingNode> items(YamlSource yaml, Node node, String key) {
        if (node == null || isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode list)) {
            yaml.error(node, key + " must be a list, got " + describe(node));
            return List.of();
        }
        List<MappingNode> items = new ArrayList<>();
        for (Node item : list.getValue()) {
            if (item instanceof MappingNode mapping) {
                items.add(mapping);
            } else {
                yaml.error(item, "each of " + key + " must be a mapping, got " + describe(item));
            }
        }
        return items;
    }

    private static <T> void unique(YamlSource yaml, MappingNode item, Map<String, T> found, String path, T value,
            String what) {
        if (found.putIfAbsent(path, value) != null) {
            yaml.error(item, "the " + what + " " + path + " is given twice");
        }
    }

    private static <T> T ref(YamlSource yaml, MappingNode item, Map<String, NodeTuple> fields, String where,
            Function<String, T> parser) {
        String path = required(yaml, item, fields, "path", where);
        if (path == null) {
            return null;
        }
        try {
            return parser.apply(path);
        } catch (IllegalArgumentException e) {
            yaml.error(value(fields, "path"), where + ".path: " + e.getMessage());
            return null;
        }
    }

    private static String required(YamlSource yaml, MappingNode item, Map<String, NodeTuple> fields, String key,
            String where) {
        if (value(fields, key) == null) {
            yaml.error(item, where + "." + key + " is required");
            return null;
        }
        String text = text(yaml, fields, key, where);
        if (text != null && text.isBlank()) {
            yaml.error(value(fields, key), where + "." + key + " must not be empty");
            return null;
        }
        return text;
    }

    private static String text(YamlSource yaml, Map<String, NodeTuple> fields, String key, String where) {
        Node node = value(fields, key);
        if (node == null) {
            return null;
        }
        String text = yaml.text(node);
        if (text == null) {
            yaml.error(node, where + "." + key + " must be text, got " + describe(node));
        }
        return text;
    }

    /** A mapping with its values' own types (numbers stay numbers); empty when not given. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(YamlSource yaml, Map<String, NodeTuple> fields, String key,
            String where) {
        Node node = value(fields, key);
        if (node == null || isNull(node)) {
            return Map.of();
        }
        if (!(node instanceof MappingNode)) {
            yaml.error(node, where + "." + key + " must be a mapping, got " + describe(node));
            return Map.of();
        }
        return (Map<String, Object>) yaml.plain(node, where + "." + key, (text, at) -> {
        });
    }

    private static List<String> tags(YamlSource yaml, Node node) {
        if (node == null || isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode list)) {
            yaml.error(node, "runs[].tags must be a list of text, got " + describe(node));
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        for (Node item : list.getValue()) {
            String tag = yaml.text(item);
            if (tag == null) {
                yaml.error(item, "runs[].tags must be a list of text, got " + describe(item));
            } else {
                tags.add(tag);
            }
        }
        return tags;
    }

    private static Instant instant(YamlSource yaml, Map<String, NodeTuple> fields, String key, String where) {
        String text = text(yaml, fields, key, where);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            yaml.error(value(fields, key), where + "." + key
                    + " must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, got " + shown(text));
            return null;
        }
    }

    /** The fixture's runs and sweeps standing in for W&B. */
    Subjects subjects() {
        return new Subjects() {
            @Override
            public Optional<Run> run(RunRef run) {
                return Optional.ofNullable(runs.get(run.path()));
            }

            @Override
            public Optional<Sweep> sweep(SweepRef sweep) {
                return Optional.ofNullable(sweeps.get(sweep.path()));
            }

            @Override
            public Optional<Run> bestRun(Sweep sweep) {
                String metric = sweep.metricName();
                if (metric == null) {
                    return Optional.empty();
                }
                RunFilter filter = RunFilter.compile(SweepService.metricFilter(sweep));
                Comparator<Run> byMetric = Comparator.comparingDouble(run -> ((Number) run.summary().get(metric))
                        .doubleValue());
                return runs.values().stream()
                        .filter(run -> run.ref().projectRef().equals(sweep.ref().projectRef()))
                        .filter(run -> filter.matches(FiringContext.document(run)))
                        .filter(run -> run.summary().get(metric) instanceof Number)
                        .max("maximize".equals(sweep.metricGoal()) ? byMetric : byMetric.reversed());
            }

            @Override
            public List<Run> runs(ProjectRef project, Map<String, Object> filter, int limit) {
                RunFilter compiled = RunFilter.compile(filter);
                return runs.values().stream().filter(run -> run.ref().projectRef().equals(project))
                        .filter(run -> compiled.matches(FiringContext.document(run))).limit(limit).toList();
            }

            @Override
            public Optional<QueuedRun> queued(QueueRef queue, String itemId) {
                return Optional.empty(); // a fixture has no queues: a queue item's run is found through scope.project
            }
        };
    }
}
