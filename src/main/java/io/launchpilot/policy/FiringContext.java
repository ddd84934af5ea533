package io.launchpilot.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.policy.expr.Reference;
import io.launchpilot.store.Event;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.Sweep;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code ${...}} references of a firing can reach, as plain maps: {@code run}, {@code sweep}
 * (with {@code bestRun}), {@code event} (its id, type, subject, source and payload fields),
 * {@code artifact}, {@code queueItem}, {@code schedule}, {@code policy} and {@code firing}. Also the
 * run document the {@code when:} filter sees, shaped as W&B's runs filter sees a run.
 */
public final class FiringContext {

    /** Roots every firing has. */
    static final Set<String> ALWAYS = Set.of("policy", "firing");

    private static final Set<String> RUN_FIELDS = Set.of("path", "id", "name", "entity", "project", "displayName",
            "state", "config", "summary", "tags", "sweep", "group", "jobType", "createdAt", "heartbeatAt");
    private static final Set<String> OPEN_RUN_FIELDS = Set.of("config", "summary");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "run", RUN_FIELDS,
            "sweep", Set.of("path", "id", "name", "entity", "project", "displayName", "state", "method", "bestLoss",
                    "config", "bestRun"),
            "artifact", Set.of("path", "entity", "project", "name", "version", "alias"),
            "queueItem", Set.of("id", "queue", "entity", "state", "run"),
            "policy", Set.of("name"),
            "firing", Set.of("key"),
            "schedule", Set.of("time"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private FiringContext() {
    }

    /** Why a reference can never resolve, or null when its shape is fine ({@code event.*} is open). */
    static String check(Reference reference) {
        String root = reference.root();
        if (root.equals("event")) {
            return reference.path().size() < 2 ? "${event} names no field: write e.g. ${event.type} or ${event.to}" : null;
        }
        Set<String> fields = FIELDS.get(root);
        if (fields == null) {
            return "unknown reference ${" + reference.text() + "}: it starts with one of run, sweep, event, artifact,"
                    + " queueItem, schedule, policy, firing";
        }
        if (reference.path().size() < 2) {
            return "${" + root + "} names no field: write e.g. ${" + root + "." + fields.stream().sorted().findFirst()
                    .orElseThrow() + "}";
        }
        String field = reference.path().get(1);
        if (!fields.contains(field)) {
            return "unknown reference ${" + reference.text() + "}: " + root + " has " + String.join(", ",
                    new TreeSet<>(fields));
        }
        if (root.equals("sweep") && field.equals("bestRun") && reference.path().size() > 2
                && !RUN_FIELDS.contains(reference.path().get(2))) {
            return "unknown reference ${" + reference.text() + "}: a run has " + String.join(", ",
                    new TreeSet<>(RUN_FIELDS));
        }
        boolean open = (root.equals("run") && OPEN_RUN_FIELDS.contains(field))
                || (root.equals("sweep") && (field.equals("config") || field.equals("bestRun")));
        if (!open && reference.path().size() > 2) {
            return "unknown reference ${" + reference.text() + "}: " + root + "." + field + " has no fields";
        }
        return null;
    }

    /** A run as references see it: {@code config} unwrapped, {@code summary} as W&B holds it. */
    public static Map<String, Object> run(Run run) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("path", run.ref().path());
        map.put("id", run.ref().name());
        map.put("name", run.ref().name());
        map.put("entity", run.ref().entity());
        map.put("project", run.ref().project());
        map.put("displayName", run.displayName());
        map.put("state", run.state());
        map.put("config", run.config());
        map.put("summary", run.summary());
        map.put("tags", run.tags());
        map.put("sweep", run.sweep());
        map.put("group", run.group());
        map.put("jobType", run.jobType());
        map.put("createdAt", text(run.createdAt()));
        map.put("heartbeatAt", text(run.heartbeatAt()));
        return map;
    }

    /** A sweep as references see it, with its best run when it has one. */
    public static Map<String, Object> sweep(Sweep sweep, Run bestRun) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("path", sweep.ref().path());
        map.put("id", sweep.ref().name());
        map.put("name", sweep.ref().name());
        map.put("entity", sweep.ref().entity());
        map.put("project", sweep.ref().project());
        map.put("displayName", sweep.displayName());
        map.put("state", sweep.state() == null ? null : sweep.state().toLowerCase(Locale.ROOT));
        map.put("method", sweep.method());
        map.put("bestLoss", sweep.bestLoss());
        map.put("config", sweep.config());
        map.put("bestRun", bestRun == null ? null : run(bestRun));
        return map;
    }

    /** An event: its payload's fields, then id, type, subject, source and observedAt over them. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> event(Event event) {
        Map<String, Object> map = new LinkedHashMap<>(JSON.convertValue(event.payload(), Map.class));
        map.put("id", event.id());
        map.put("type", event.type());
        map.put("subject", event.subject());
        map.put("source", event.source());
        map.put("observedAt", text(event.observedAt()));
        return map;
    }

    /** An artifact named {@code entity/project/name:version} (as a webhook gives it), or null. */
    public static Map<String, Object> artifact(String path, String alias) {
        if (path == null || path.isBlank()) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("path", path);
        map.put("alias", alias);
        String[] parts = path.split("/", 3);
        if (parts.length == 3) {
            map.put("entity", parts[0]);
            map.put("project", parts[1]);
            int colon = parts[2].lastIndexOf(':');
            map.put("name", colon < 0 ? parts[2] : parts[2].substring(0, colon));
            map.put("version", colon < 0 ? null : parts[2].substring(colon + 1));
        }
        return map;
    }

    /** The queue item of a {@code queue.item_*} event. */
    public static Map<String, Object> queueItem(JsonNode payload) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", payload.path("item").asText(null));
        map.put("entity", payload.path("entity").asText(null));
        map.put("queue", payload.path("entity").asText("") + "/" + payload.path("queue").asText(""));
        map.put("state", payload.has("to") ? payload.path("to").asText(null) : payload.path("state").asText(null));
        map.put("run", payload.path("run").asText(null));
        return map;
    }

    /**
     * The document W&B's runs filter sees for a run: {@code config} in W&B's {@code {key: {value: v}}}
     * form, {@code summary_metrics}, and the top-level fields by their filter names.
     */
    public static Map<String, Object> document(Run run) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("name", run.ref().name());
        doc.put("displayName", run.displayName());
        doc.put("state", run.state());
        doc.put("tags", run.tags());
        doc.put("group", run.group());
        doc.put("jobType", run.jobType());
        doc.put("createdAt", run.createdAt());
        doc.put("heartbeatAt", run.heartbeatAt());
        doc.put("sweep", run.sweep());
        doc.put("username", run.username());
        Map<String, Object> config = new HashMap<>();
        run.config().forEach((key, value) -> {
            Map<String, Object> wrapped = new HashMap<>();
            wrapped.put("value", value);
            config.put(key, wrapped);
        });
        doc.put("config", config);
        doc.put("summary_metrics", run.summary());
        return doc;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
