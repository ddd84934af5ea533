package io.launchpilot.filter;

import java.util.Comparator;
import java.util.Map;

/**
 * A W&B runs order: an optional {@code +} (ascending, the default) or {@code -} (descending) and a
 * key such as {@code created_at}, {@code heartbeat_at}, {@code config.lr.value} or
 * {@code summary_metrics.loss}. Missing values sort first ascending (last descending), as in
 * MongoDB. Ties fall back to {@code createdAt}, then {@code name}, in the same direction, so that
 * the order is total and a descending order is the exact reverse of the ascending one.
 */
public final class RunOrder {

    /** What W&B uses when no order (or an empty one) is given. */
    public static final String DEFAULT = "+created_at";

    private final String key;
    private final boolean descending;

    private RunOrder(String key, boolean descending) {
        this.key = key;
        this.descending = descending;
    }

    /** Parses an order; null or blank gives {@link #DEFAULT}. */
    public static RunOrder parse(String order) {
        String text = order == null || order.isBlank() ? DEFAULT : order.strip();
        boolean descending = text.startsWith("-");
        String key = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        if (key.isBlank() || key.startsWith(".") || key.endsWith(".")) {
            throw new FilterException("invalid order \"" + order + "\"");
        }
        return new RunOrder(key, descending);
    }

    /** The values that decide a document's place; a missing sort value is {@code null}. */
    public SortKey sortKey(Map<String, Object> document) {
        Object value = DocumentPath.resolve(document, key);
        Object createdAt = DocumentPath.resolve(document, "createdAt");
        Object name = DocumentPath.resolve(document, "name");
        return new SortKey(value == DocumentPath.MISSING ? null : value,
                createdAt == DocumentPath.MISSING ? null : createdAt,
                name == DocumentPath.MISSING ? null : String.valueOf(name));
    }

    /** Orders sort keys as documents are ordered; used to resume after a paging cursor. */
    public int compare(SortKey a, SortKey b) {
        int order = Values.compareForSort(a.value(), b.value());
        if (order == 0) {
            order = Values.compareForSort(a.createdAt(), b.createdAt());
        }
        if (order == 0) {
            order = Values.compareForSort(a.name(), b.name());
        }
        return descending ? -order : order;
    }

    public Comparator<Map<String, Object>> comparator() {
        return (a, b) -> compare(sortKey(a), sortKey(b));
    }

    @Override
    public String toString() {
        return (descending ? "-" : "+") + key;
    }

    /**
     * Where a document stands in an order.
     *
     * @param value the value under the order key, or null when missing
     * @param createdAt the creation time (first tie-break)
     * @param name the run's short id (last tie-break)
     */
    public record SortKey(Object value, Object createdAt, String name) {
    }
}
