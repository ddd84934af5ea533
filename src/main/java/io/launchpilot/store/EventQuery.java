package io.launchpilot.store;

/**
 * Which events to read. {@code type} and {@code subject} match exactly, or as a prefix when they end
 * with {@code *} ({@code run.*}, {@code acme/vision/*}); null matches all.
 *
 * @param after read past this id in the chosen order (older ids descending); null to start at the
 *        oldest (ascending) or the newest (descending) event
 * @param limit at most this many events, 1 to {@value #MAX_LIMIT}
 * @param descending newest first
 */
public record EventQuery(String type, String subject, Long after, int limit, boolean descending) {

    public static final int MAX_LIMIT = 1000;

    public EventQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
        type = blankToNull(type);
        subject = blankToNull(subject);
    }

    /** Events after {@code after}, oldest first. */
    public static EventQuery after(Long after, int limit) {
        return new EventQuery(null, null, after, limit, false);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
