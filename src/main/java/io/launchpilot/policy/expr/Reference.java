package io.launchpilot.policy.expr;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One {@code ${a.b.c}} reference: a dotted path into the context of a firing ({@code run.path},
 * {@code run.config.lr}, {@code event.to}, ...). Only map lookups, nothing is ever executed.
 *
 * @param path the segments, at least one
 * @param offset where {@code ${} starts in the text that holds it
 */
public record Reference(List<String> path, int offset) {

    static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");

    public Reference {
        path = List.copyOf(path);
    }

    /** The path as written, e.g. {@code run.config.lr}. */
    public String text() {
        return String.join(".", path);
    }

    public String root() {
        return path.get(0);
    }

    /** The value the path reaches in {@code context}; throws when a segment is missing. */
    public Object resolve(Map<String, ?> context) {
        Object value = context;
        for (int i = 0; i < path.size(); i++) {
            if (!(value instanceof Map<?, ?> map) || map.get(path.get(i)) == null) {
                throw new ExpressionException("${" + text() + "}: "
                        + (i == 0 ? "nothing named " + path.get(0) + " in this firing"
                                : String.join(".", path.subList(0, i + 1)) + " is not set"));
            }
            value = map.get(path.get(i));
        }
        return value;
    }
}
