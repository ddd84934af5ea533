package io.launchpilot.queue;

import io.launchpilot.wandb.PrioritizationMode;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.WandbClient;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads queue specs ({@code apiVersion: launchpilot/v1}, {@code kind: RunQueue}) from YAML or JSON
 * text with SnakeYAML's node API, so that every problem carries its {@code file:line:column}. It
 * reports every problem it finds rather than stopping at the first; a document with an error still
 * yields its queue when the queue can be named, so that duplicates across files are found too.
 * Nothing here talks to W&B.
 */
final class QueueSpecParser {

    static final String API_VERSION = "launchpilot/v1";
    static final String KIND = "RunQueue";
    static final int MAX_NAME_LENGTH = 64;
    /** Nesting deeper than this in a resource config is a mistake (or a recursive alias). */
    private static final int MAX_DEPTH = 64;

    private static final Set<String> TOP_KEYS = keys("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> METADATA_KEYS = keys("name", "entity");
    private static final Set<String> SPEC_KEYS =
            keys("resource", "prioritization", "config", "templateVariables", "externalLinks");
    private static final Set<String> VARIABLE_KEYS = keys("description", "schema");
    private static final Set<String> SCHEMA_KEYS = keys("type", "default", "enum", "minimum", "maximum");

    /** What one source held: the queues that could be named, and every problem found. */
    record Result(List<QueueDefinition> queues, List<SpecProblem> problems) {
    }

    private final Optional<String> defaultEntity;

    /** @param defaultEntity the entity of specs that name none ({@code WANDB_ENTITY}), if configured */
    QueueSpecParser(Optional<String> defaultEntity) {
        this.defaultEntity = defaultEntity.map(String::strip).filter(entity -> !entity.isEmpty());
    }

    Result parse(String source, String text) {
        Context context = new Context(source);
        Iterator<Node> documents = yaml().composeAll(new StringReader(text)).iterator();
        while (true) {
            Node document;
            try {
                if (!documents.hasNext()) {
                    break;
                }
                document = documents.next();
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                context.error(mark, "not valid YAML: " + yamlProblem(e));
                break;
            } catch (YAMLException e) {
                context.problems.add(SpecProblem.error(Position.start(source), "not valid YAML: " + e.getMessage()));
                break;
            }
            if (document instanceof SequenceNode list) {
                // a JSON array (or YAML list) of specs, e.g. a request body holding several queues
                list.getValue().forEach(item -> document(context, item));
            } else if (!isNull(document)) {
                document(context, document);
            }
        }
        context.problems.sort(SpecProblem.ORDER);
        return new Result(List.copyOf(context.queues), List.copyOf(context.problems));
    }

    private void document(Context context, Node node) {
        if (!(node instanceof MappingNode document)) {
            context.error(node, "a queue spec must be a mapping with apiVersion, kind, metadata and spec");
            return;
        }
        Map<String, NodeTuple> top = context.fields(document, "a queue spec", TOP_KEYS);
        int errorsBefore = context.errorCount();

        Node apiVersion = value(top, "apiVersion");
        if (apiVersion == null) {
            context.error(document, "apiVersion is required: " + API_VERSION);
        } else if (!API_VERSION.equals(context.text(apiVersion))) {
            context.error(apiVersion, "apiVersion must be " + API_VERSION + ", got " + shown(context.text(apiVersion)));
        }
        Node kind = value(top, "kind");
        if (kind == null) {
            context.error(document, "kind is required: " + KIND);
        } else if (!KIND.equals(context.text(kind))) {
            context.error(kind, "kind must be " + KIND + ", got " + shown(context.text(kind)));
        }

        QueueRef ref = null;
        Position position = context.position(document);
        Node metadata = value(top, "metadata");
        if (metadata == null) {
            context.error(document, "metadata is required, with the queue's name and entity");
        } else if (context.mapping(metadata, "metadata") instanceof MappingNode meta) {
            Map<String, NodeTuple> fields = context.fields(meta, "metadata", METADATA_KEYS);
            Node nameNode = value(fields, "name");
            String name = nameNode == null ? null : context.text(nameNode);
            if (nameNode == null) {
                context.error(meta, "metadata.name is required");
            } else if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
                context.error(nameNode, "metadata.name must be 1 to " + MAX_NAME_LENGTH + " characters, got "
                        + (name == null ? "none" : name.length()));
                name = null;
            } else if (name.contains("/")) {
                context.error(nameNode, "metadata.name must not contain '/', got " + shown(name));
                name = null;
            } else {
                position = context.position(nameNode);
            }
            Node entityNode = value(fields, "entity");
            String entity = null;
            if (entityNode != null) {
                entity = context.text(entityNode);
                if (entity == null || entity.isBlank() || entity.contains("/")) {
                    context.error(entityNode, "metadata.entity must be a W&B entity (user or team) name without '/', got "
                            + shown(entity));
                    entity = null;
                }
            } else if (defaultEntity.isPresent()) {
                entity = defaultEntity.get();
            } else {
                context.error(meta, "metadata.entity is required (or set WANDB_ENTITY for specs that name none)");
            }
            if (name != null && entity != null) {
                ref = new QueueRef(entity, name);
            }
        }

        Node specNode = value(top, "spec");
        if (specNode == null) {
            context.error(document, "spec is required, with at least the resource");
            return;
        }
        if (!(context.mapping(specNode, "spec") instanceof MappingNode spec)) {
            return;
        }
        Map<String, NodeTuple> fields = context.fields(spec, "spec", SPEC_KEYS);

        Node resourceNode = value(fields, "resource");
        String resource = null;
        if (resourceNode == null) {
            context.error(spec, "spec.resource is required: one of " + String.join(", ", resourceTypes()));
        } else {
            resource = context.text(resourceNode);
            if (resource == null || !WandbClient.QUEUE_TYPES.contains(resource)) {
                context.error(resourceNode, "spec.resource must be one of " + String.join(", ", resourceTypes())
                        + ", got " + shown(resource));
                resource = null;
            }
        }

        PrioritizationMode prioritization = PrioritizationMode.DISABLED;
        Position prioritizationPosition = null;
        Node prioritizationNode = value(fields, "prioritization");
        if (prioritizationNode != null) {
            String mode = context.text(prioritizationNode);
            prioritizationPosition = context.position(prioritizationNode);
            if ("V0".equals(mode)) {
                prioritization = PrioritizationMode.V0;
            } else if (!"DISABLED".equals(mode)) {
                context.error(prioritizationNode, "spec.prioritization must be V0 or DISABLED, got " + shown(mode)
                        + ("v0".equals(mode) || "disabled".equals(mode) ? " (write it in capitals)" : ""));
            }
        }

        Map<String, Position> placeholders = new LinkedHashMap<>();
        Map<String, Object> config = Map.of();
        Node configNode = value(fields, "config");
        if (configNode != null && !isNull(configNode)) {
            if (context.mapping(configNode, "spec.config") instanceof MappingNode configMap) {
                @SuppressWarnings("unchecked")
                Map<String, Object> converted = (Map<String, Object>) context.value(configMap, 0, placeholders);
                config = converted;
            }
        }

        List<VariableDefinition> variables = new ArrayList<>();
        // declared even when its definition has an error, so that its placeholders are not reported too
        Set<String> declared = new LinkedHashSet<>();
        Node variablesNode = value(fields, "templateVariables");
        if (variablesNode != null && !isNull(variablesNode)
                && context.mapping(variablesNode, "spec.templateVariables") instanceof MappingNode variableMap) {
            for (NodeTuple tuple : context.entries(variableMap, "spec.templateVariables")) {
                declared.add(((ScalarNode) tuple.getKeyNode()).getValue());
                VariableDefinition variable = variable(context, tuple);
                if (variable != null) {
                    variables.add(variable);
                }
            }
        }

        Map<String, String> links = new LinkedHashMap<>();
        Node linksNode = value(fields, "externalLinks");
        if (linksNode != null && !isNull(linksNode)
                && context.mapping(linksNode, "spec.externalLinks") instanceof MappingNode linkMap) {
            for (NodeTuple tuple : context.entries(linkMap, "spec.externalLinks")) {
                String label = context.text(tuple.getKeyNode());
                if (ManagedMarker.LABEL.equals(label)) {
                    context.error(tuple.getKeyNode(), "external link label " + ManagedMarker.LABEL
                            + " is reserved: Launchpilot marks the queues it manages with it");
                    continue;
                }
                Node urlNode = tuple.getValueNode();
                String url = urlNode instanceof ScalarNode ? context.text(urlNode) : null;
                if (url == null || !httpUrl(url)) {
                    context.error(urlNode, "external link " + shown(label) + " must be an http(s) URL, got "
                            + (url == null ? "none" : shown(url)));
                    continue;
                }
                links.put(label, url);
            }
        }

        placeholders.forEach((name, at) -> {
            if (!declared.contains(name)) {
                context.problems.add(SpecProblem.error(at, "{{" + name + "}} is not a declared template variable"
                        + (declared.isEmpty() ? "; declare it under spec.templateVariables"
                                : "; declared: " + String.join(", ", declared))));
            }
        });
        for (VariableDefinition variable : variables) {
            if (!placeholders.containsKey(variable.name())) {
                context.problems.add(SpecProblem.warning(variable.position(), "template variable "
                        + variable.name() + " is declared but spec.config never uses {{" + variable.name() + "}}"));
            }
        }

        if (ref != null && resource != null && context.errorCount() == errorsBefore) {
            context.queues.add(new QueueDefinition(ref, resource, prioritization, config, variables, links, position,
                    prioritizationPosition));
        } else if (ref != null) {
            // still named, so that a duplicate of it elsewhere is reported too; a set with errors is never applied
            context.queues.add(new QueueDefinition(ref, resource == null ? "" : resource, prioritization, config,
                    variables, links, position, prioritizationPosition));
        }
    }

    private VariableDefinition variable(Context context, NodeTuple tuple) {
        Node keyNode = tuple.getKeyNode();
        String name = context.text(keyNode);
        boolean valid = true;
        if (name == null || !TemplateVariableRules.NAME.matcher(name).matches()) {
            context.error(keyNode, "template variable name " + shown(name)
                    + " may only hold letters, digits, '_' and '-'");
            valid = false;
        }
        String where = "template variable " + name;
        if (!(context.mapping(tuple.getValueNode(), where) instanceof MappingNode definition)) {
            return null;
        }
        Map<String, NodeTuple> fields = context.fields(definition, where, VARIABLE_KEYS);
        String description = null;
        Node descriptionNode = value(fields, "description");
        if (descriptionNode != null && !isNull(descriptionNode)) {
            if (descriptionNode instanceof ScalarNode) {
                description = context.text(descriptionNode);
            } else {
                context.error(descriptionNode, where + ": description must be text");
                valid = false;
            }
        }
        Node schemaNode = value(fields, "schema");
        if (schemaNode == null) {
            context.error(definition, where + ": schema is required, with at least a type ("
                    + String.join(", ", TemplateVariableRules.TYPES) + ")");
            return null;
        }
        if (!(context.mapping(schemaNode, where + ": schema") instanceof MappingNode schemaMap)) {
            return null;
        }
        Map<String, Object> schema = schema(context, where, schemaMap);
        if (schema == null || !valid) {
            return null;
        }
        return new VariableDefinition(name, description, schema, context.position(keyNode));
    }

    /** The schema in canonical order, or null when it has an error (each one reported). */
    private Map<String, Object> schema(Context context, String where, MappingNode node) {
        int errorsBefore = context.errorCount();
        Map<String, NodeTuple> fields = context.fields(node, where + ": schema", SCHEMA_KEYS);
        Node typeNode = value(fields, "type");
        String type = null;
        if (typeNode == null) {
            context.error(node, where + ": schema.type is required: one of " + String.join(", ", TemplateVariableRules.TYPES));
        } else {
            type = context.text(typeNode);
            if (type == null || !TemplateVariableRules.TYPES.contains(type)) {
                context.error(typeNode, where + ": schema.type must be one of "
                        + String.join(", ", TemplateVariableRules.TYPES) + ", got " + shown(type));
                type = null;
            }
        }
        boolean numeric = "integer".equals(type) || "number".equals(type);

        Number minimum = bound(context, where, fields, "minimum", type, numeric);
        Number maximum = bound(context, where, fields, "maximum", type, numeric);
        if (minimum != null && maximum != null
                && TemplateVariableRules.decimal(minimum).compareTo(TemplateVariableRules.decimal(maximum)) > 0) {
            context.error(fields.get("maximum").getValueNode(), where + ": schema.maximum "
                    + TemplateVariableRules.show(maximum) + " is below schema.minimum " + TemplateVariableRules.show(minimum));
            maximum = null;
        }
        Map<String, Object> bounds = new LinkedHashMap<>();
        bounds.put("type", type);
        if (minimum != null) {
            bounds.put("minimum", minimum);
        }
        if (maximum != null) {
            bounds.put("maximum", maximum);
        }

        List<Object> options = null;
        Node enumNode = value(fields, "enum");
        if (enumNode != null) {
            if (!(enumNode instanceof SequenceNode list) || list.getValue().isEmpty()) {
                context.error(enumNode, where + ": schema.enum must be a non-empty list of allowed values");
            } else {
                options = new ArrayList<>();
                for (Node item : list.getValue()) {
                    Object option = context.scalar(item, where + ": schema.enum value");
                    if (option == null) {
                        continue;
                    }
                    String broken = type == null ? null : TemplateVariableRules.violation(bounds, option);
                    if (broken != null) {
                        context.error(item, where + ": schema.enum value " + broken);
                    } else if (options.stream().anyMatch(seen -> TemplateVariableRules.sameValue(seen, option))) {
                        context.error(item, where + ": schema.enum lists " + TemplateVariableRules.show(option) + " twice");
                    } else {
                        options.add(option);
                    }
                }
            }
        }

        Object defaultValue = null;
        Node defaultNode = value(fields, "default");
        if (defaultNode != null) {
            defaultValue = context.scalar(defaultNode, where + ": schema.default");
            if (defaultValue != null && type != null) {
                Map<String, Object> rules = new LinkedHashMap<>(bounds);
                if (options != null && !options.isEmpty()) {
                    rules.put("enum", options);
                }
                String broken = TemplateVariableRules.violation(rules, defaultValue);
                if (broken != null) {
                    context.error(defaultNode, where + ": schema.default " + broken
                            + ("string".equals(type) && !(defaultValue instanceof String) ? " (quote it)" : ""));
                }
            }
        }
        if (context.errorCount() > errorsBefore) {
            return null;
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", type);
        if (defaultNode != null) {
            schema.put("default", defaultValue);
        }
        if (options != null) {
            schema.put("enum", options);
        }
        if (minimum != null) {
            schema.put("minimum", minimum);
        }
        if (maximum != null) {
            schema.put("maximum", maximum);
        }
        return schema;
    }

    private Number bound(Context context, String where, Map<String, NodeTuple> fields, String key, String type,
            boolean numeric) {
        Node node = value(fields, key);
        if (node == null) {
            return null;
        }
        if (type != null && !numeric) {
            context.error(node, where + ": schema." + key + " applies to integer and number variables only");
            return null;
        }
        Object bound = context.scalar(node, where + ": schema." + key);
        if (bound == null) {
            return null;
        }
        if (!(bound instanceof Number number) || TemplateVariableRules.decimal(number) == null) {
            context.error(node, where + ": schema." + key + " must be a number, got " + TemplateVariableRules.show(bound));
            return null;
        }
        if ("integer".equals(type) && !TemplateVariableRules.integral(number)) {
            context.error(node, where + ": schema." + key + " of an integer variable must be an integer, got "
                    + TemplateVariableRules.show(bound));
            return null;
        }
        return number;
    }

    /** Problems and results of one source, and the node walking that reports with positions. */
    private static final class Context {

        final String source;
        final List<SpecProblem> problems = new ArrayList<>();
        final List<QueueDefinition> queues = new ArrayList<>();
        private final ScalarConstructor scalars = new ScalarConstructor();

        Context(String source) {
            this.source = source;
        }

        Position position(Node node) {
            return position(node.getStartMark());
        }

        Position position(Mark mark) {
            return mark == null ? Position.start(source) : new Position(source, mark.getLine() + 1, mark.getColumn() + 1);
        }

        void error(Node node, String reason) {
            problems.add(SpecProblem.error(position(node), reason));
        }

        void error(Mark mark, String reason) {
            problems.add(SpecProblem.error(position(mark), reason));
        }

        int errorCount() {
            return (int) problems.stream().filter(SpecProblem::isError).count();
        }

        /** The node if it is a mapping (to match with instanceof), else null after reporting it. */
        Node mapping(Node node, String what) {
            if (node instanceof MappingNode) {
                return node;
            }
            error(node, what + " must be a mapping, got " + describe(node));
            return null;
        }

        /** The entries of a mapping, with non-text keys, duplicate keys and merge keys reported and left out. */
        List<NodeTuple> entries(MappingNode mapping, String what) {
            List<NodeTuple> result = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node key = tuple.getKeyNode();
                if (!(key instanceof ScalarNode scalar) || isNull(key)) {
                    error(key, what + ": keys must be text");
                    continue;
                }
                if (key.getTag().equals(Tag.MERGE)) {
                    error(key, what + ": merge keys (<<) are not supported; write the entries out");
                    continue;
                }
                if (!seen.add(scalar.getValue())) {
                    error(key, what + ": duplicate key " + shown(scalar.getValue()));
                    continue;
                }
                result.add(tuple);
            }
            return result;
        }

        /** The known entries of a mapping by key; unknown keys are reported with the keys allowed. */
        Map<String, NodeTuple> fields(MappingNode mapping, String what, Set<String> allowed) {
            Map<String, NodeTuple> result = new LinkedHashMap<>();
            for (NodeTuple tuple : entries(mapping, what)) {
                String key = ((ScalarNode) tuple.getKeyNode()).getValue();
                if (allowed.contains(key)) {
                    result.put(key, tuple);
                } else {
                    String hint = closest(key, allowed);
                    error(tuple.getKeyNode(), "unknown key " + shown(key) + " in " + what
                            + (hint != null ? "; did you mean " + hint + "?" : "; expected " + String.join(", ", allowed)));
                }
            }
            return result;
        }

        /** A scalar as text; null for a YAML null or a node that is not a scalar. */
        String text(Node node) {
            if (!(node instanceof ScalarNode scalar) || isNull(node)) {
                return null;
            }
            return scalar.getValue();
        }

        /** A scalar as its typed value (string, number, boolean), reported and null if it is anything else. */
        Object scalar(Node node, String what) {
            if (!(node instanceof ScalarNode scalar)) {
                error(node, what + " must be a single value, got " + describe(node));
                return null;
            }
            if (isNull(node)) {
                error(node, what + " must not be null");
                return null;
            }
            return constructed(scalar, what);
        }

        private Object constructed(ScalarNode scalar, String what) {
            Object value;
            try {
                value = scalars.construct(scalar);
            } catch (YAMLException e) {
                error(scalar, what + ": " + yamlProblem(e));
                return null;
            }
            if (value instanceof Double number && !Double.isFinite(number)) {
                error(scalar, what + ": " + scalar.getValue() + " is not a JSON number");
                return null;
            }
            if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                error(scalar, what + ": " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT)
                        + " values cannot be sent to W&B as JSON");
                return null;
            }
            return value;
        }

        /** A config subtree as JSON-ready maps, lists and scalars, noting each {{placeholder}} and where. */
        Object value(Node node, int depth, Map<String, Position> placeholders) {
            if (depth > MAX_DEPTH) {
                error(node, "spec.config nests deeper than " + MAX_DEPTH + " levels");
                return null;
            }
            if (node instanceof MappingNode mapping) {
                Map<String, Object> result = new LinkedHashMap<>();
                for (NodeTuple tuple : entries(mapping, "spec.config")) {
                    String key = ((ScalarNode) tuple.getKeyNode()).getValue();
                    TemplateVariableRules.placeholders(key)
                            .forEach(name -> placeholders.putIfAbsent(name, position(tuple.getKeyNode())));
                    result.put(key, value(tuple.getValueNode(), depth + 1, placeholders));
                }
                return result;
            }
            if (node instanceof SequenceNode sequence) {
                List<Object> result = new ArrayList<>();
                sequence.getValue().forEach(item -> result.add(value(item, depth + 1, placeholders)));
                return result;
            }
            ScalarNode scalar = (ScalarNode) node;
            if (isNull(scalar)) {
                return null;
            }
            Object value = constructed(scalar, "spec.config value");
            if (value instanceof String text) {
                TemplateVariableRules.placeholders(text).forEach(name -> placeholders.putIfAbsent(name, position(scalar)));
            }
            return value;
        }
    }

    /** SnakeYAML's own scalar resolution (ints, floats, booleans) with timestamps kept as text. */
    private static final class ScalarConstructor extends SafeConstructor {

        ScalarConstructor() {
            super(loaderOptions());
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }

        Object construct(ScalarNode node) {
            return constructObject(node);
        }
    }

    private static Yaml yaml() {
        return new Yaml(loaderOptions());
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setProcessComments(false);
        return options;
    }

    private static Node value(Map<String, NodeTuple> fields, String key) {
        NodeTuple tuple = fields.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return isNull(node) ? "null" : shown(((ScalarNode) node).getValue());
    }

    private static String shown(String text) {
        return text == null ? "none" : "\"" + text + "\"";
    }

    private static boolean httpUrl(String url) {
        try {
            URI uri = new URI(url);
            return uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String yamlProblem(YAMLException e) {
        String problem = e instanceof MarkedYAMLException marked && marked.getProblem() != null
                ? marked.getProblem()
                : e.getMessage();
        int newline = problem == null ? -1 : problem.indexOf('\n');
        return newline < 0 ? String.valueOf(problem) : problem.substring(0, newline);
    }

    private static List<String> resourceTypes() {
        return new ArrayList<>(new TreeSet<>(WandbClient.QUEUE_TYPES));
    }

    /** The allowed key a mistyped one most likely meant (by edit distance, at most 2 or a case change). */
    private static String closest(String key, Set<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int distance = candidate.equalsIgnoreCase(key) ? 0 : distance(key, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= 2 ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Set<String> keys(String... keys) {
        return new LinkedHashSet<>(List.of(keys));
    }
}
