package io.launchpilot.sandbox;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * One page of a Relay connection: the edges, whether more follow, and how many items the whole
 * (filtered) list holds.
 */
public record Page<T>(List<Edge<T>> edges, boolean hasNextPage, boolean hasPreviousPage, int totalCount) {

    /** W&B-like cap on {@code first}: larger requests get this many. */
    public static final int MAX_FIRST = 1000;

    public Page {
        edges = List.copyOf(edges);
    }

    public String startCursor() {
        return edges.isEmpty() ? null : edges.get(0).cursor();
    }

    public String endCursor() {
        return edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
    }

    public List<T> nodes() {
        return edges.stream().map(Edge::node).toList();
    }

    /** The same page with each node replaced by {@code mapper}'s result. */
    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(edges.stream().map(e -> new Edge<>(mapper.apply(e.node()), e.cursor())).toList(),
                hasNextPage, hasPreviousPage, totalCount);
    }

    /**
     * The page of {@code sorted} that starts at the first item past the cursor. Cursors are
     * positions in the order (keyset), not offsets, so items added or removed between two
     * requests never make a page repeat or skip the others.
     *
     * @param afterCursor true for the items past the request's {@code after} cursor; null if none
     */
    public static <T> Page<T> slice(List<T> sorted, Integer first, Function<T, String> cursor,
                                    Predicate<T> afterCursor) {
        if (first != null && first < 0) {
            throw SandboxException.invalid("first must not be negative");
        }
        int limit = first == null ? MAX_FIRST : Math.min(first, MAX_FIRST);
        int start = 0;
        if (afterCursor != null) {
            while (start < sorted.size() && !afterCursor.test(sorted.get(start))) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + limit);
        List<Edge<T>> edges = sorted.subList(start, end).stream().map(t -> new Edge<>(t, cursor.apply(t))).toList();
        return new Page<>(edges, end < sorted.size(), start > 0, sorted.size());
    }

    /**
     * A page of a short list whose order never changes but by appending (artifact types,
     * aliases, memberships); its cursors are positions in the list.
     */
    public static <T> Page<T> ofList(List<T> items, String after, Integer first) {
        int start = 0;
        if (after != null && !after.isEmpty()) {
            start = (int) Cursors.number(Cursors.decode(after, 1).get(0), after) + 1;
        }
        List<Integer> positions = IntStream.range(0, items.size()).boxed().toList();
        int from = start;
        return slice(positions, first, i -> Cursors.encode(List.of(i)), from == 0 ? null : i -> i >= from)
                .map(items::get);
    }

    /** An item with the cursor that resumes after it. */
    public record Edge<T>(T node, String cursor) {
    }
}
