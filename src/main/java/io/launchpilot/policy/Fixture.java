package io.launchpilot.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.launchpilot.filter.RunFilter;
import io.launchpilot.store.Event;
import io.launchpilot.sweep.SweepService;
import io.launchpilot.wandb.ProjectRef;
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
 * expect:
 *   - { policy: promote, subject: acme/vision/r1 }
 * </pre>
 */
public record Fixture(List<Event> events, Map<String, Run> runs, Map<String, Sweep> sweeps, List<Expected> expect) {

    /** A firing the fixture expects; null {@code expect} means only print what fires. */
    public record Expected(String policy, String subject) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** @throws IllegalArgumentException with a message naming what is wrong */
    public static Fixture parse(String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the fixture is not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the fixture must be a mapping with events, and optionally runs,"
                    + " sweeps and expect");
        }
        Map<String, Run> runs = new LinkedHashMap<>();
        for (JsonNode run : list(root, "runs")) {
            RunRef ref = RunRef.parse(required(run, "path", "runs[]"));
            runs.put(ref.path(), new Run(ref.name(), ref, run.path("displayName").asText(ref.name()),
                    run.path("state").asText("finished"), map(run, "config"), Map.of(), map(run, "summary"),
                    YAML.convertValue(run.path("tags").isMissingNode() ? YAML.createArrayNode() : run.path("tags"),
                            List.class),
                    run.path("group").asText(null), run.path("jobType").asText(null), run.path("sweep").asText(null),
                    instant(run, "createdAt"), instant(run, "heartbeatAt"), null, null, null, null));
        }
        Map<String, Sweep> sweeps = new LinkedHashMap<>();
        for (JsonNode sweep : list(root, "sweeps")) {
            SweepRef ref = SweepRef.parse(required(sweep, "path", "sweeps[]"));
            sweeps.put(ref.path(), new Sweep(ref.name(), ref, sweep.path("displayName").asText(ref.name()),
                    sweep.path("method").asText("random"), sweep.path("state").asText("FINISHED"), null, null,
                    map(sweep, "config"), null, null, 0, null));
        }
        List<Event> events = new ArrayList<>();
        long id = 1;
        for (JsonNode event : list(root, "events")) {
            JsonNode payload = event.path("payload");
            if (!payload.isMissingNode() && !payload.isObject()) {
                throw new IllegalArgumentException("events[" + (id - 1) + "].payload must be a mapping");
            }
            events.add(new Event(id++, required(event, "type", "events[]"), required(event, "subject", "events[]"),
                    event.path("source").asText("fixture"), Optional.ofNullable(instant(event, "at")).orElse(Instant.EPOCH
                            .plusSeconds(id)), payload.isObject() ? payload : YAML.createObjectNode()));
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("the fixture has no events");
        }
        List<Expected> expect = null;
        if (root.has("expect")) {
            expect = new ArrayList<>();
            for (JsonNode firing : list(root, "expect")) {
                expect.add(new Expected(required(firing, "policy", "expect[]"), required(firing, "subject", "expect[]")));
            }
        }
        return new Fixture(events, runs, sweeps, expect);
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
        };
    }

    private static List<JsonNode> list(JsonNode root, String key) {
        JsonNode node = root.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(key + " must be a list");
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(item -> {
            if (!item.isObject()) {
                throw new IllegalArgumentException("each of " + key + " must be a mapping");
            }
            items.add(item);
        });
        return items;
    }

    private static String required(JsonNode node, String key, String where) {
        String value = node.path(key).asText(null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(where + "." + key + " is required");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node, String key) {
        JsonNode value = node.path(key);
        return value.isObject() ? YAML.convertValue((ObjectNode) value, Map.class) : Map.of();
    }

    private static Instant instant(JsonNode node, String key) {
        String text = node.path(key).asText(null);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, got "
                    + text);
        }
    }
}
