package io.launchpilot.policy.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A text with {@code ${...}} references. A text that is one reference and nothing else resolves to the
 * referenced value with its JSON type (a number stays a number, a list stays a list); references
 * inside other text are interpolated as text. {@code $${} writes a literal {@code ${}.
 */
public final class Template {

    private final List<Object> parts;

    private Template(List<Object> parts) {
        this.parts = List.copyOf(parts);
    }

    /** Parses {@code text}; throws {@link ExpressionException} on an unclosed or malformed reference. */
    public static Template parse(String text) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new ExpressionException("unclosed ${ at character " + (i + 1));
                }
                String inner = text.substring(i + 2, end).strip();
                List<String> path = List.of(inner.split("\\.", -1));
                for (String segment : path) {
                    if (!Reference.SEGMENT.matcher(segment).matches()) {
                        throw new ExpressionException("${" + inner + "} is not a reference: write a dotted path"
                                + " such as ${run.path} or ${event.to} (letters, digits, '_' and '-')");
                    }
                }
                if (!literal.isEmpty()) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(new Reference(path, i));
                i = end + 1;
            } else {
                literal.append(text.charAt(i));
                i++;
            }
        }
        if (!literal.isEmpty() || parts.isEmpty()) {
            parts.add(literal.toString());
        }
        return new Template(parts);
    }

    /** Whether the text holds at least one reference. */
    public boolean hasReferences() {
        return parts.stream().anyMatch(Reference.class::isInstance);
    }

    public List<Reference> references() {
        return parts.stream().filter(Reference.class::isInstance).map(Reference.class::cast).toList();
    }

    /** The value: the referenced value itself for a lone reference, else the interpolated text. */
    public Object resolve(Map<String, ?> context) {
        if (parts.size() == 1 && parts.get(0) instanceof Reference reference) {
            return reference.resolve(context);
        }
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            text.append(part instanceof Reference reference ? String.valueOf(reference.resolve(context)) : part);
        }
        return text.toString();
    }
}
