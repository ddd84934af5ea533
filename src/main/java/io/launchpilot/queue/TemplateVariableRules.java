package io.launchpilot.queue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of Launch template variables, shared by spec validation (defaults and enum values) and
 * enqueue (the values pushed with a run): a schema has a {@code type} of string, integer or number
 * and may bound values with {@code minimum}, {@code maximum} and {@code enum}.
 */
public final class TemplateVariableRules {

    public static final List<String> TYPES = List.of("string", "integer", "number");

    /** {@code {{name}}} in a resource config, as handlebars (and W&B's launch agent) reads it. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_\\-]+)\\s*}}");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-]+");

    private TemplateVariableRules() {
    }

    /** The variable names a text refers to as {@code {{name}}}. */
    static Set<String> placeholders(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Whether {@code value} is of the schema type: integers for integer, any finite number for number. */
    static boolean ofType(String type, Object value) {
        return switch (type) {
            case "string" -> value instanceof String;
            case "integer" -> integral(value);
            case "number" -> value instanceof Number number && decimal(number) != null;
            default -> false;
        };
    }

    /** "an integer", "a number" or "a string", for messages. */
    static String describeType(String type) {
        return switch (type) {
            case "integer" -> "an integer";
            case "number" -> "a number";
            default -> "a string";
        };
    }

    /**
     * The rule of {@code schema} that {@code value} breaks ("must be at most 8"), or null when the
     * value fits. A schema without a known type accepts anything, as W&B does.
     */
    public static String violation(Map<String, ?> schema, Object value) {
        Object type = schema.get("type");
        if (type instanceof String name && TYPES.contains(name) && !ofType(name, value)) {
            return "must be " + describeType(name) + ", got " + show(value);
        }
        if (value instanceof Number number) {
            BigDecimal given = decimal(number);
            BigDecimal minimum = schema.get("minimum") instanceof Number min ? decimal(min) : null;
            BigDecimal maximum = schema.get("maximum") instanceof Number max ? decimal(max) : null;
            if (given != null && minimum != null && given.compareTo(minimum) < 0) {
                return "must be at least " + show(schema.get("minimum")) + ", got " + show(value);
            }
            if (given != null && maximum != null && given.compareTo(maximum) > 0) {
                return "must be at most " + show(schema.get("maximum")) + ", got " + show(value);
            }
        }
        if (schema.get("enum") instanceof List<?> allowed && !allowed.isEmpty()
                && allowed.stream().noneMatch(option -> sameValue(option, value))) {
            return "must be one of " + showAll(allowed) + ", got " + show(value);
        }
        return null;
    }

    /**
     * A value given as text (a command line's {@code --var gpus=2}) or as JSON, converted to the schema
     * type: {@code "2"} becomes 2 for an integer variable. Throws {@link IllegalArgumentException}
     * with the rule when it cannot be converted.
     */
    public static Object coerce(Map<String, ?> schema, Object raw) {
        Object type = schema.get("type");
        if (!(type instanceof String name) || raw == null) {
            return raw;
        }
        switch (name) {
            case "integer" -> {
                if (integral(raw)) {
                    return normalInteger(decimal((Number) raw).toBigIntegerExact());
                }
                if (raw instanceof String text) {
                    try {
                        return normalInteger(new BigInteger(text.strip()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("must be an integer, got " + show(raw));
                    }
                }
                throw new IllegalArgumentException("must be an integer, got " + show(raw));
            }
            case "number" -> {
                if (raw instanceof Number number && decimal(number) != null) {
                    return raw;
                }
                if (raw instanceof String text) {
                    try {
                        BigDecimal parsed = new BigDecimal(text.strip());
                        return parsed.scale() <= 0 || parsed.stripTrailingZeros().scale() <= 0
                                ? normalInteger(parsed.toBigInteger())
                                : (Object) parsed.doubleValue();
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("must be a number, got " + show(raw));
                    }
                }
                throw new IllegalArgumentException("must be a number, got " + show(raw));
            }
            case "string" -> {
                if (raw instanceof String) {
                    return raw;
                }
                if (raw instanceof Number || raw instanceof Boolean) {
                    return String.valueOf(raw);
                }
                throw new IllegalArgumentException("must be a string, got " + show(raw));
            }
            default -> {
                return raw;
            }
        }
    }

    static boolean integral(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger
                || value instanceof Short || value instanceof Byte) {
            return true;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().scale() <= 0;
        }
        return false;
    }

    /** The number as a BigDecimal, or null for NaN and infinities. */
    static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (number instanceof Double || number instanceof Float) {
            double value = number.doubleValue();
            return Double.isFinite(value) ? BigDecimal.valueOf(value) : null;
        }
        return BigDecimal.valueOf(number.longValue());
    }

    static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            BigDecimal dx = decimal(x);
            BigDecimal dy = decimal(y);
            return dx != null && dy != null && dx.compareTo(dy) == 0;
        }
        return a == null ? b == null : a.equals(b);
    }

    static String show(Object value) {
        if (value instanceof String text) {
            return "\"" + text + "\"";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    static String showAll(List<?> values) {
        List<String> shown = new ArrayList<>();
        values.forEach(value -> shown.add(show(value)));
        return "[" + String.join(", ", shown) + "]";
    }

    private static Object normalInteger(BigInteger value) {
        return value.bitLength() < 32 ? (Object) value.intValue()
                : value.bitLength() < 64 ? (Object) value.longValue() : value;
    }
}
