package io.launchpilot.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Comparator;

/**
 * Where something stands in a spec source: the file (or {@code body} for a request body) and the
 * 1-based line and column, printed as {@code file:line:column} like a compiler's messages.
 */
public record Position(String source, int line, int column) implements Comparable<Position> {

    private static final Comparator<Position> ORDER = Comparator.comparing(Position::source)
            .thenComparingInt(Position::line)
            .thenComparingInt(Position::column);

    public Position {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a position needs a source");
        }
    }

    /** The start of a source, for problems that belong to no particular place in it. */
    public static Position start(String source) {
        return new Position(source, 1, 1);
    }

    @JsonValue
    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }

    @Override
    public int compareTo(Position other) {
        return ORDER.compare(this, other);
    }
}
