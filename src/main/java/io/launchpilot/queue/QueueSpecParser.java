package io.launchpilot.queue;

import io.launchpilot.spec.Position;
import static io.launchpilot.spec.YamlSource.httpUrl;
import static io.launchpilot.spec.YamlSource.isNull;
import static io.launchpilot.spec.YamlSource.keys;
import static io.launchpilot.spec.YamlSource.shown;
import static io.launchpilot.spec.YamlSource.value;

import io.launchpilot.spec.SpecProblem;
import io.launchpilot.spec.YamlSource;
import io.launchpilot.wandb.PrioritizationMode;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.WandbClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

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
        for (Node document : context.documents(text)) {
            if (document instanceof SequenceNode list) {
                // a JSON array (or YAML list) of specs, e.g. a request body holding several queues
                list.getValue().forEach(item -> document(context, item));
            } else if (!isNull(document)) {
                document(context, document);
            }
        }
        return new Result(List.copyOf(context.queues), context.problems());
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
                Map<String, Object> converted = (Map<String, Object>) context.value(configMap, placeholders);
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
                context.report(SpecProblem.error(at, "{{" + name + "}} is not a declared template variable"
                        + (declared.isEmpty() ? "; declare it under spec.templateVariables"
                                : "; declared: " + String.join(", ", declared))));
            }
        });
        for (VariableDefinition variable : variables) {
            if (!placeholders.containsKey(variable.name())) {
                context.report(SpecProblem.warning(variable.position(), "template variable "
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

    /** Problems and results of one source, and the queue config's own conversion. */
    private static final class Context extends YamlSource {

        final List<QueueDefinition> queues = new ArrayList<>();

        Context(String source) {
            super(source);
        }

        /** A config subtree as JSON-ready maps, lists and scalars, noting each {{placeholder}} and where. */
        Object value(Node node, Map<String, Position> placeholders) {
            return plain(node, "spec.config", (text, at) -> TemplateVariableRules.placeholders(text)
                    .forEach(name -> placeholders.putIfAbsent(name, position(at))));
        }
    }

    private static List<String> resourceTypes() {
        return new ArrayList<>(new TreeSet<>(WandbClient.QUEUE_TYPES));
    }
}
