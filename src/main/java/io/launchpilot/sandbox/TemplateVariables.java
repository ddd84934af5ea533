package io.launchpilot.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Launch template variables: their definitions ({@code name -> {"description", "schema"}}, the
 * schema holding {@code type}, {@code default}, {@code enum}, {@code minimum}, {@code maximum}),
 * the values pushed with an item, and the {@code {{name}}} placeholders they fill in a config.
 */
final class TemplateVariables {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_\\-]+)\\s*}}");
    private static final Set<String> TYPES = Set.of("string", "integer", "number");

    private TemplateVariables() {
    }

    /** What is wrong with a set of definitions and the config that uses them (empty when fine). */
    static List<String> problems(Map<String, Object> definitions, Map<String, Object> config) {
        List<String> problems = new ArrayList<>();
        definitions.forEach((name, definition) -> {
            if (!(definition instanceof Map<?, ?> def) || !(def.get("schema") instanceof Map<?, ?> schema)) {
                problems.add("template variable " + name + " needs a schema object");
                return;
            }
            Object type = schema.get("type");
            if (!TYPES.contains(String.valueOf(type))) {
                problems.add("template variable " + name + " has type " + type
                        + "; expected string, integer or number");
                return;
            }
            if (schema.containsKey("default")) {
                String wrong = violation(name, schema, schema.get("default"));
                if (wrong != null) {
                    problems.add("default of " + wrong);
                }
            }
        });
        placeholders(config).stream()
                .filter(name -> !definitions.containsKey(name))
                .forEach(name -> problems.add("config uses {{" + name + "}} but no template variable "
                        + name + " is defined"));
        return problems;
    }

    /** The values to use for a push: given ones checked against their schema, defaults for the rest. */
    static Map<String, Object> resolve(Map<String, Object> definitions, Map<String, Object> given) {
        for (String name : given.keySet()) {
            if (!definitions.containsKey(name)) {
                throw SandboxException.invalid("unknown template variable " + name + "; the queue defines "
                        + definitions.keySet());
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        definitions.forEach((name, definition) -> {
            Map<?, ?> schema = definition instanceof Map<?, ?> def && def.get("schema") instanceof Map<?, ?> s
                    ? s : Map.of();
            if (given.containsKey(name)) {
                String wrong = violation(name, schema, given.get(name));
                if (wrong != null) {
                    throw SandboxException.invalid("template variable " + wrong);
                }
                values.put(name, given.get(name));
            } else if (schema.containsKey("default")) {
                values.put(name, schema.get("default"));
            } else {
                throw SandboxException.invalid("template variable " + name + " has no default and needs a value");
            }
        });
        return values;
    }

    /** {@code value} with every {@code {{name}}} replaced; a lone placeholder keeps the value's type. */
    static Object fill(Object value, Map<String, Object> values) {
        if (value instanceof String text) {
            Matcher whole = PLACEHOLDER.matcher(text);
            if (whole.matches() && values.containsKey(whole.group(1))) {
                return values.get(whole.group(1));
            }
            return PLACEHOLDER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                    values.containsKey(m.group(1)) ? String.valueOf(values.get(m.group(1))) : m.group()));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> filled = new LinkedHashMap<>();
            map.forEach((k, v) -> filled.put(String.valueOf(k), fill(v, values)));
            return filled;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> fill(v, values)).toList();
        }
        return value;
    }

    private static List<String> placeholders(Object value) {
        List<String> names = new ArrayList<>();
        if (value instanceof String text) {
            PLACEHOLDER.matcher(text).results().forEach(m -> names.add(m.group(1)));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> names.addAll(placeholders(v)));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> names.addAll(placeholders(v)));
        }
        return names;
    }

    /** Why {@code value} does not fit the schema, starting with the variable's name; null if it fits. */
    private static String violation(String name, Map<?, ?> schema, Object value) {
        Object type = schema.get("type");
        boolean typed = switch (String.valueOf(type)) {
            case "integer" -> value instanceof Integer || value instanceof Long
                    || value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue());
            case "number" -> value instanceof Number;
            case "string" -> value instanceof String;
            default -> true;
        };
        if (!typed) {
            return name + " must be of type " + type + ", got " + value;
        }
        if (schema.get("enum") instanceof List<?> allowed && allowed.stream().noneMatch(a -> sameValue(a, value))) {
            return name + " must be one of " + allowed + ", got " + value;
        }
        if (value instanceof Number n) {
            if (schema.get("minimum") instanceof Number min && n.doubleValue() < min.doubleValue()) {
                return name + " must be at least " + min + ", got " + value;
            }
            if (schema.get("maximum") instanceof Number max && n.doubleValue() > max.doubleValue()) {
                return name + " must be at most " + max + ", got " + value;
            }
        }
        return null;
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }
}
