package io.launchpilot.policy;

import static io.launchpilot.spec.YamlSource.closest;
import static io.launchpilot.spec.YamlSource.httpUrl;
import static io.launchpilot.spec.YamlSource.isNull;
import static io.launchpilot.spec.YamlSource.keys;
import static io.launchpilot.spec.YamlSource.shown;
import static io.launchpilot.spec.YamlSource.value;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.filter.FilterException;
import io.launchpilot.filter.RunFilter;
import io.launchpilot.policy.expr.ExpressionException;
import io.launchpilot.policy.expr.Reference;
import io.launchpilot.policy.expr.Template;
import io.launchpilot.spec.Position;
import io.launchpilot.spec.SpecProblem;
import io.launchpilot.spec.YamlSource;
import io.quarkus.runtime.configuration.DurationConverter;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads policies ({@code apiVersion: launchpilot/v1}, {@code kind: Policy}) from YAML text, reporting
 * every problem with its {@code file:line:column}: unknown keys, triggers, cron expressions, time
 * zones, durations, filter operators, actions and their parameters, and {@code ${...}} references
 * that the policy's triggers cannot fill. Nothing here talks to W&B.
 */
final class PolicyParser {

    static final String API_VERSION = "launchpilot/v1";
    static final String KIND = "Policy";
    static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,98}[a-z0-9])?");

    /** The ledger's event types a policy can listen to (the watchers' and the queue reconciler's). */
    static final Set<String> EVENT_TYPES = keys("run.created", "run.state_changed", "run.summary_changed",
            "sweep.created", "sweep.state_changed", "sweep.best_changed", "queue.item_added",
            "queue.item_state_changed", "queue.drift_corrected");

    private static final Set<String> TOP_KEYS = keys("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> METADATA_KEYS = keys("name", "description");
    private static final Set<String> SPEC_KEYS = keys("on", "when", "for", "do", "limits", "mode");
    private static final Set<String> EVENT_KEYS = keys("event", "scope", "where");
    private static final Set<String> SCHEDULE_KEYS = keys("schedule", "scope");
    private static final Set<String> WEBHOOK_KEYS = keys("webhook", "scope", "where");
    private static final Set<String> CRON_KEYS = keys("cron", "timezone", "concurrency", "startingDeadline");
    private static final Set<String> WEBHOOK_MATCH_KEYS = keys("source", "eventType");
    private static final Set<String> SCOPE_KEYS = keys("entity", "project");
    private static final Set<String> LIMIT_KEYS = keys("cooldown", "maxPerHour");
    private static final Set<String> LOGICAL = keys("$and", "$or", "$nor");
    private static final Set<String> OPERATORS = keys("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin",
            "$exists", "$regex", "$options");
    /** Payload fields holding a W&B state: matched whatever their case ({@code FINISHED} = {@code finished}). */
    static final Set<String> STATE_FIELDS = Set.of("state", "to", "from");

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one source held: the policies that could be named, and every problem found. */
    record Result(List<Policy> policies, List<SpecProblem> problems) {
    }

    Result parse(String source, String text) {
        YamlSource yaml = new YamlSource(source);
        List<Policy> policies = new ArrayList<>();
        for (Node document : yaml.documents(text)) {
            if (!isNull(document)) {
                Policy policy = document(yaml, document);
                if (policy != null) {
                    policies.add(policy);
                }
            }
        }
        return new Result(policies, yaml.problems());
    }

    private Policy document(YamlSource yaml, Node node) {
        if (!(node instanceof MappingNode document)) {
            yaml.error(node, "a policy must be a mapping with apiVersion, kind, metadata and spec");
            return null;
        }
        Map<String, NodeTuple> top = yaml.fields(document, "a policy", TOP_KEYS);
        int errorsBefore = yaml.errorCount();
        expect(yaml, document, top, "apiVersion", API_VERSION);
        expect(yaml, document, top, "kind", KIND);

        String name = null;
        Position position = yaml.position(document);
        Node metadata = value(top, "metadata");
        if (metadata == null) {
            yaml.error(document, "metadata is required, with the policy's name");
        } else if (yaml.mapping(metadata, "metadata") instanceof MappingNode meta) {
            Map<String, NodeTuple> fields = yaml.fields(meta, "metadata", METADATA_KEYS);
            Node nameNode = value(fields, "name");
            if (nameNode == null) {
                yaml.error(meta, "metadata.name is required");
            } else {
                name = yaml.text(nameNode);
                position = yaml.position(nameNode);
                if (name == null || !NAME.matcher(name).matches()) {
                    yaml.error(nameNode, "metadata.name must be 1 to 100 lower-case letters, digits, '.', '_' or '-',"
                            + " starting and ending with a letter or digit, got " + shown(name));
                    name = null;
                }
            }
        }

        Node specNode = value(top, "spec");
        if (specNode == null) {
            yaml.error(document, "spec is required, with at least on and do");
            return null;
        }
        if (!(yaml.mapping(specNode, "spec") instanceof MappingNode spec)) {
            return null;
        }
        Map<String, NodeTuple> fields = yaml.fields(spec, "spec", SPEC_KEYS);

        List<Trigger> triggers = new ArrayList<>();
        Node on = value(fields, "on");
        if (on == null) {
            yaml.error(spec, "spec.on is required: one or more triggers (event, schedule or webhook)");
        } else if (on instanceof SequenceNode list && !list.getValue().isEmpty()) {
            list.getValue().forEach(item -> {
                Trigger trigger = trigger(yaml, item);
                if (trigger != null) {
                    triggers.add(trigger);
                }
            });
        } else {
            yaml.error(on, "spec.on must be a non-empty list of triggers");
        }

        RunFilter when = null;
        Map<String, Object> whenText = null;
        Node whenNode = value(fields, "when");
        if (whenNode != null && !isNull(whenNode)) {
            whenText = filter(yaml, whenNode, "spec.when", false);
            when = compile(yaml, whenNode, whenText, "spec.when");
        }

        Duration holdFor = duration(yaml, value(fields, "for"), "spec.for");
        if (holdFor != null && when == null) {
            yaml.error(value(fields, "for"), "spec.for needs spec.when: it is how long the condition must hold");
        }

        List<ActionTemplate> actions = new ArrayList<>();
        Node doNode = value(fields, "do");
        if (doNode == null) {
            yaml.error(spec, "spec.do is required: one or more actions (" + String.join(", ", actionNames()) + ")");
        } else if (doNode instanceof SequenceNode list && !list.getValue().isEmpty()) {
            list.getValue().forEach(item -> {
                ActionTemplate action = action(yaml, item);
                if (action != null) {
                    actions.add(action);
                }
            });
        } else {
            yaml.error(doNode, "spec.do must be a non-empty list of actions");
        }

        Limits limits = limits(yaml, value(fields, "limits"));
        PolicyMode mode = PolicyMode.ENFORCE;
        Node modeNode = value(fields, "mode");
        if (modeNode != null) {
            String text = yaml.text(modeNode);
            if ("audit".equals(text)) {
                mode = PolicyMode.AUDIT;
            } else if (!"enforce".equals(text)) {
                yaml.error(modeNode, "spec.mode must be enforce or audit, got " + shown(text));
            }
        }

        checkSubjects(yaml, triggers, whenNode, when, doNode);
        if (name == null) {
            return null;
        }
        // still named when broken, so that a duplicate elsewhere is reported too; a set with errors is never used
        return yaml.errorCount() > errorsBefore ? new Policy(name, List.of(), null, null, null, List.of(), Limits.NONE,
                mode, position) : new Policy(name, triggers, when, whenText, holdFor, actions, limits, mode, position);
    }

    private static void expect(YamlSource yaml, MappingNode document, Map<String, NodeTuple> top, String key,
            String wanted) {
        Node node = value(top, key);
        if (node == null) {
            yaml.error(document, key + " is required: " + wanted);
        } else if (!wanted.equals(yaml.text(node))) {
            yaml.error(node, key + " must be " + wanted + ", got " + shown(yaml.text(node)));
        }
    }

    private Trigger trigger(YamlSource yaml, Node node) {
        if (!(yaml.mapping(node, "a trigger") instanceof MappingNode mapping)) {
            return null;
        }
        List<String> kinds = yaml.entries(mapping, "a trigger").stream()
                .map(tuple -> ((ScalarNode) tuple.getKeyNode()).getValue())
                .filter(key -> key.equals("event") || key.equals("schedule") || key.equals("webhook")).toList();
        if (kinds.size() != 1) {
            yaml.error(mapping, "a trigger needs exactly one of event, schedule or webhook"
                    + (kinds.isEmpty() ? "" : ", got " + String.join(" and ", kinds)));
            return null;
        }
        Position position = yaml.position(mapping);
        return switch (kinds.get(0)) {
            case "event" -> {
                Map<String, NodeTuple> fields = yaml.fields(mapping, "an event trigger", EVENT_KEYS);
                Node typeNode = value(fields, "event");
                String type = yaml.text(typeNode);
                if (type == null || !EVENT_TYPES.contains(type)) {
                    String hint = type == null ? null : closest(type, EVENT_TYPES);
                    yaml.error(typeNode, "unknown event type " + shown(type)
                            + (hint != null ? "; did you mean " + hint + "?" : "; expected one of "
                                    + String.join(", ", EVENT_TYPES)));
                    yield null;
                }
                Scope scope = scope(yaml, value(fields, "scope"));
                RunFilter where = where(yaml, value(fields, "where"));
                yield scope == null || where == null ? null : new Trigger.OnEvent(type, scope, where, position);
            }
            case "webhook" -> {
                Map<String, NodeTuple> fields = yaml.fields(mapping, "a webhook trigger", WEBHOOK_KEYS);
                Node matchNode = value(fields, "webhook");
                Scope scope = scope(yaml, value(fields, "scope"));
                RunFilter where = where(yaml, value(fields, "where"));
                if (!(yaml.mapping(matchNode, "webhook") instanceof MappingNode match)) {
                    yield null;
                }
                Map<String, NodeTuple> matchFields = yaml.fields(match, "webhook", WEBHOOK_MATCH_KEYS);
                String source = yaml.text(value(matchFields, "source"));
                if (source == null || source.isBlank()) {
                    yaml.error(match, "webhook.source is required: wandb, or the name of a generic webhook");
                    yield null;
                }
                Node typeNode = value(matchFields, "eventType");
                String eventType = typeNode == null ? null : yaml.text(typeNode);
                yield scope == null || where == null ? null
                        : new Trigger.OnWebhook(source, eventType, scope, where, position);
            }
            default -> schedule(yaml, mapping, position);
        };
    }

    private Trigger schedule(YamlSource yaml, MappingNode mapping, Position position) {
        Map<String, NodeTuple> fields = yaml.fields(mapping, "a schedule trigger", SCHEDULE_KEYS);
        Node scopeNode = value(fields, "scope");
        Scope scope = scopeNode == null ? null : scope(yaml, scopeNode);
        if (!(yaml.mapping(value(fields, "schedule"), "schedule") instanceof MappingNode schedule)) {
            return null;
        }
        int errorsBefore = yaml.errorCount();
        Map<String, NodeTuple> cronFields = yaml.fields(schedule, "schedule", CRON_KEYS);
        Node cronNode = value(cronFields, "cron");
        String cron = yaml.text(cronNode);
        ExecutionTime times = null;
        if (cronNode == null) {
            yaml.error(schedule, "schedule.cron is required, e.g. \"0 2 * * *\" (minute hour day month weekday)");
        } else {
            try {
                times = ExecutionTime.forCron(CRON.parse(cron == null ? "" : cron).validate());
            } catch (IllegalArgumentException e) {
                yaml.error(cronNode, "schedule.cron " + shown(cron) + " is not a five-field Unix cron expression: "
                        + e.getMessage());
            }
        }
        ZoneId zone = ZoneId.of("UTC");
        Node zoneNode = value(cronFields, "timezone");
        if (zoneNode != null) {
            String text = yaml.text(zoneNode);
            try {
                zone = ZoneId.of(text == null ? "" : text);
            } catch (DateTimeException e) {
                yaml.error(zoneNode, "schedule.timezone " + shown(text) + " is not a time zone, e.g. Europe/Berlin or UTC");
            }
        }
        Trigger.Concurrency concurrency = Trigger.Concurrency.ALLOW;
        Node concurrencyNode = value(cronFields, "concurrency");
        if (concurrencyNode != null) {
            String text = yaml.text(concurrencyNode);
            switch (text == null ? "" : text) {
                case "Allow" -> concurrency = Trigger.Concurrency.ALLOW;
                case "Forbid" -> concurrency = Trigger.Concurrency.FORBID;
                case "Replace" -> concurrency = Trigger.Concurrency.REPLACE;
                default -> yaml.error(concurrencyNode, "schedule.concurrency must be Allow, Forbid or Replace, got "
                        + shown(text));
            }
        }
        Duration deadline = duration(yaml, value(cronFields, "startingDeadline"), "schedule.startingDeadline");
        if (yaml.errorCount() > errorsBefore || times == null) {
            return null;
        }
        return new Trigger.OnSchedule(cron, times, zone, concurrency, deadline, scope, position);
    }

    private Scope scope(YamlSource yaml, Node node) {
        if (node == null || isNull(node)) {
            return Scope.ANY;
        }
        if (!(yaml.mapping(node, "scope") instanceof MappingNode mapping)) {
            return null;
        }
        Map<String, NodeTuple> fields = yaml.fields(mapping, "scope", SCOPE_KEYS);
        String entity = segment(yaml, value(fields, "entity"), "scope.entity");
        String project = segment(yaml, value(fields, "project"), "scope.project");
        return new Scope(entity, project);
    }

    private static String segment(YamlSource yaml, Node node, String what) {
        if (node == null) {
            return null;
        }
        String text = yaml.text(node);
        if (text == null || text.isBlank() || text.contains("/")) {
            yaml.error(node, what + " must be a W&B name without '/', got " + shown(text));
            return null;
        }
        return text;
    }

    /** A {@code where} on an event's payload; state fields are compared in lower case. */
    private RunFilter where(YamlSource yaml, Node node) {
        if (node == null || isNull(node)) {
            return RunFilter.all();
        }
        Map<String, Object> filter = filter(yaml, node, "where", true);
        return filter == null ? null : compile(yaml, node, filter, "where");
    }

    private static RunFilter compile(YamlSource yaml, Node node, Map<String, Object> filter, String what) {
        if (filter == null) {
            return null;
        }
        try {
            return RunFilter.compile(filter);
        } catch (FilterException e) {
            yaml.error(node, what + ": " + e.getMessage());
            return null;
        }
    }

    /** The filter as plain values, with each unknown operator reported where it stands. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> filter(YamlSource yaml, Node node, String what, boolean lowerStates) {
        if (!(yaml.mapping(node, what) instanceof MappingNode mapping)) {
            return null;
        }
        int errorsBefore = yaml.errorCount();
        checkOperators(yaml, mapping, what);
        Object plain = yaml.plain(mapping, what, (text, at) -> {
        });
        if (yaml.errorCount() > errorsBefore) {
            return null;
        }
        Map<String, Object> filter = (Map<String, Object>) plain;
        return lowerStates ? (Map<String, Object>) lowerStates(filter, null) : filter;
    }

    private void checkOperators(YamlSource yaml, Node node, String what) {
        if (node instanceof SequenceNode list) {
            list.getValue().forEach(item -> checkOperators(yaml, item, what));
        } else if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String key = yaml.text(tuple.getKeyNode());
                if (key != null && key.startsWith("$") && !LOGICAL.contains(key) && !OPERATORS.contains(key)) {
                    String hint = closest(key, union(LOGICAL, OPERATORS));
                    yaml.error(tuple.getKeyNode(), what + ": unknown operator " + key
                            + (key.equals("$not") ? " (W&B's runs filter has no $not; use $nor or $nin)"
                                    : hint != null ? "; did you mean " + hint + "?" : ""));
                }
                checkOperators(yaml, tuple.getValueNode(), what);
            }
        }
    }

    private static Object lowerStates(Object value, String field) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                result.put(key, lowerStates(v, key.startsWith("$") ? field : key));
            });
            return result;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> lowerStates(v, field)).toList();
        }
        return value instanceof String text && field != null && STATE_FIELDS.contains(field)
                ? text.toLowerCase(Locale.ROOT) : value;
    }

    private static Duration duration(YamlSource yaml, Node node, String what) {
        if (node == null || isNull(node)) {
            return null;
        }
        String text = yaml.text(node);
        try {
            Duration duration = text == null ? null : DurationConverter.parseDuration(text);
            if (duration != null && !duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (IllegalArgumentException | DateTimeException e) {
            // reported below
        }
        yaml.error(node, what + " must be a positive duration such as 30s, 10m, 2h or 1d, got " + shown(text));
        return null;
    }

    private Limits limits(YamlSource yaml, Node node) {
        if (node == null || isNull(node)) {
            return Limits.NONE;
        }
        if (!(yaml.mapping(node, "spec.limits") instanceof MappingNode mapping)) {
            return Limits.NONE;
        }
        Map<String, NodeTuple> fields = yaml.fields(mapping, "spec.limits", LIMIT_KEYS);
        Duration cooldown = duration(yaml, value(fields, "cooldown"), "spec.limits.cooldown");
        Integer maxPerHour = null;
        Node maxNode = value(fields, "maxPerHour");
        if (maxNode != null) {
            Object max = yaml.scalar(maxNode, "spec.limits.maxPerHour");
            if (max instanceof Integer count && count > 0) {
                maxPerHour = count;
            } else if (max != null) {
                yaml.error(maxNode, "spec.limits.maxPerHour must be a positive whole number, got " + max);
            }
        }
        return new Limits(cooldown, maxPerHour);
    }

    private ActionTemplate action(YamlSource yaml, Node node) {
        if (!(node instanceof MappingNode mapping) || mapping.getValue().size() != 1) {
            yaml.error(node, "an action is a mapping with one key, the action: one of "
                    + String.join(", ", actionNames()));
            return null;
        }
        NodeTuple entry = mapping.getValue().get(0);
        String type = yaml.text(entry.getKeyNode());
        List<ActionRules.Param> params = type == null ? null : ActionRules.ACTIONS.get(type);
        if (params == null) {
            String hint = type == null ? null : closest(type, ActionRules.ACTIONS.keySet());
            yaml.error(entry.getKeyNode(), "unknown action " + shown(type)
                    + (hint != null ? "; did you mean " + hint + "?" : "; expected one of "
                            + String.join(", ", actionNames())));
            return null;
        }
        Node paramsNode = entry.getValueNode();
        if (isNull(paramsNode) && type.equals("tagRun")) {
            yaml.error(paramsNode, "tagRun needs add or remove");
            return null;
        }
        if (!(yaml.mapping(paramsNode, type) instanceof MappingNode paramMap)) {
            return null;
        }
        int errorsBefore = yaml.errorCount();
        Set<String> allowed = new LinkedHashSet<>();
        params.forEach(p -> allowed.add(p.name()));
        Map<String, NodeTuple> fields = yaml.fields(paramMap, type, allowed);
        for (ActionRules.Param param : params) {
            Node value = value(fields, param.name());
            if (value == null) {
                if (param.required()) {
                    yaml.error(paramMap, type + "." + param.name() + " is required");
                }
                continue;
            }
            checkParam(yaml, type, param, value);
        }
        List<String> atLeastOne = ActionRules.AT_LEAST_ONE.get(type);
        if (atLeastOne != null && atLeastOne.stream().noneMatch(fields::containsKey)) {
            yaml.error(paramMap, type + " needs " + String.join(" or ", atLeastOne));
        }
        List<String> exactlyOne = ActionRules.EXACTLY_ONE.get(type);
        if (exactlyOne != null && exactlyOne.stream().filter(fields::containsKey).count() != 1) {
            yaml.error(paramMap, type + " needs exactly one of " + String.join(" or ", exactlyOne));
        }
        if (type.equals("linkArtifact") && value(fields, "from") instanceof MappingNode from) {
            linkFrom(yaml, from);
        }
        if (type.equals("webhook") && value(fields, "url") instanceof ScalarNode url && !hasReference(url.getValue())
                && !httpUrl(url.getValue())) {
            yaml.error(url, "webhook.url must be an http(s) URL, got " + shown(url.getValue()));
        }
        if (type.equals("enqueue") && value(fields, "queue") instanceof ScalarNode queue
                && !hasReference(queue.getValue()) && queue.getValue().split("/", -1).length != 2) {
            yaml.error(queue, "enqueue.queue must be entity/name, got " + shown(queue.getValue()));
        }
        Object plain = yaml.plain(paramMap, type, (text, at) -> {
        });
        if (yaml.errorCount() > errorsBefore) {
            return null;
        }
        return new ActionTemplate(type, JSON.valueToTree(plain), yaml.position(entry.getKeyNode()));
    }

    private static void checkParam(YamlSource yaml, String type, ActionRules.Param param, Node value) {
        String what = type + "." + param.name();
        switch (param.kind()) {
            case TEXT -> {
                if (!(value instanceof ScalarNode scalar) || isNull(value)) {
                    yaml.error(value, what + " must be text");
                } else if (!param.choices().isEmpty() && !hasReference(scalar.getValue())
                        && !param.choices().contains(scalar.getValue())) {
                    yaml.error(value, what + " must be one of " + String.join(", ", new TreeSet<>(param.choices()))
                            + ", got " + shown(scalar.getValue()));
                }
            }
            case OBJECT -> {
                if (!(value instanceof MappingNode) && !(value instanceof ScalarNode s && isWholeReference(s.getValue()))) {
                    yaml.error(value, what + " must be a mapping");
                }
            }
            case LIST -> {
                if (!(value instanceof SequenceNode) && !(value instanceof ScalarNode s && isWholeReference(s.getValue()))) {
                    yaml.error(value, what + " must be a list");
                }
            }
        }
    }

    private static void linkFrom(YamlSource yaml, MappingNode from) {
        Set<String> given = new LinkedHashSet<>();
        from.getValue().forEach(tuple -> given.add(yaml.text(tuple.getKeyNode())));
        if (given.contains("artifact")) {
            if (given.size() != 1) {
                yaml.error(from, "linkArtifact.from is either {artifact} or {run, type, alias}, not both");
            }
        } else if (!given.contains("run") || !given.contains("type")) {
            yaml.error(from, "linkArtifact.from needs run and type (e.g. {run: \"${run.path}\", type: model}),"
                    + " or artifact (\"entity/project/name:alias\")");
        } else {
            given.stream().filter(key -> !ActionRules.LINK_FROM_RUN.contains(key)).forEach(key -> yaml.error(from,
                    "unknown key " + shown(key) + " in linkArtifact.from; expected run, type, alias or artifact"));
        }
    }

    /**
     * Every {@code ${...}} of the actions is checked against what all the policy's (valid) triggers
     * provide, and so are {@code when} and the defaults that need a subject (a {@code tagRun} without
     * {@code run}).
     */
    private void checkSubjects(YamlSource yaml, List<Trigger> triggers, Node whenNode, RunFilter when, Node doNode) {
        if (when != null) {
            triggers.stream().filter(t -> !t.provides().contains("run")).forEach(t -> yaml.error(whenNode,
                    "spec.when is evaluated on a subject run, and the " + t.kind() + " trigger at line "
                            + t.position().line() + " has none" + (t instanceof Trigger.OnSchedule
                                    ? " (give the schedule a scope: its runs matching when become the subjects)" : "")));
        }
        if (!(doNode instanceof SequenceNode list)) {
            return;
        }
        for (Node item : list.getValue()) {
            if (!(item instanceof MappingNode mapping) || mapping.getValue().size() != 1) {
                continue;
            }
            NodeTuple entry = mapping.getValue().get(0);
            String type = yaml.text(entry.getKeyNode());
            Map<String, String> defaults = ActionRules.SUBJECT_DEFAULTS.getOrDefault(type, Map.of());
            Set<String> given = new HashSet<>();
            if (entry.getValueNode() instanceof MappingNode params) {
                params.getValue().forEach(tuple -> given.add(yaml.text(tuple.getKeyNode())));
                references(yaml, params, triggers);
            }
            defaults.forEach((param, root) -> {
                if (!given.contains(param)) {
                    missingRoot(triggers, root).ifPresent(t -> yaml.error(entry.getKeyNode(), type + " without "
                            + param + " acts on the subject " + root + ", and the " + t.kind() + " trigger at line "
                            + t.position().line() + " has none; name the " + param));
                }
            });
        }
    }

    private void references(YamlSource yaml, Node node, List<Trigger> triggers) {
        if (node instanceof MappingNode mapping) {
            mapping.getValue().forEach(tuple -> {
                references(yaml, tuple.getKeyNode(), triggers);
                references(yaml, tuple.getValueNode(), triggers);
            });
        } else if (node instanceof SequenceNode list) {
            list.getValue().forEach(item -> references(yaml, item, triggers));
        } else if (node instanceof ScalarNode scalar && scalar.getValue().contains("${")) {
            Template template;
            try {
                template = Template.parse(scalar.getValue());
            } catch (ExpressionException e) {
                yaml.error(scalar, e.getMessage());
                return;
            }
            for (Reference reference : template.references()) {
                String problem = FiringContext.check(reference);
                if (problem == null) {
                    problem = missingRoot(triggers, reference.root())
                            .map(t -> "${" + reference.text() + "}: the " + t.kind() + " trigger at line "
                                    + t.position().line() + " has no " + reference.root())
                            .orElse(null);
                }
                if (problem != null) {
                    yaml.report(SpecProblem.error(at(yaml, scalar, reference.offset()), problem));
                }
            }
        }
    }

    private static Optional<Trigger> missingRoot(List<Trigger> triggers, String root) {
        if (FiringContext.ALWAYS.contains(root)) {
            return Optional.empty();
        }
        return triggers.stream().filter(t -> !t.provides().contains(root)).findFirst();
    }

    /** Where a character of a scalar stands: its own line inside a block scalar, its column on one line. */
    private static Position at(YamlSource yaml, ScalarNode scalar, int offset) {
        Position start = yaml.position(scalar);
        String text = scalar.getValue();
        int lines = 0;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                lines++;
                lineStart = i + 1;
            }
        }
        return switch (scalar.getScalarStyle()) {
            case LITERAL, FOLDED -> {
                // the block's lines start at its indentation, which the first content line shows
                String first = yaml.line(start.line() + 1);
                int indent = first.length() - first.stripLeading().length();
                yield new Position(start.source(), start.line() + 1 + lines, indent + 1 + (offset - lineStart));
            }
            case PLAIN -> lines == 0 ? new Position(start.source(), start.line(), start.column() + offset) : start;
            default -> lines == 0 ? new Position(start.source(), start.line(), start.column() + 1 + offset) : start;
        };
    }

    private static boolean hasReference(String text) {
        return text != null && text.contains("${");
    }

    private static boolean isWholeReference(String text) {
        return text != null && text.startsWith("${") && text.indexOf('}') == text.length() - 1;
    }

    private static List<String> actionNames() {
        return new ArrayList<>(new TreeSet<>(ActionRules.ACTIONS.keySet()));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
