package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Which runs of a project to list and in what order, in W&B's own terms.
 *
 * @param filters a MongoDB-style filter as JSON text, passed to W&B as is, e.g.
 *        {@code {"$and":[{"state":"running"},{"config.lr":{"$gt":0.01}}]}}; {@code {}} matches all
 * @param order {@code +} (ascending) or {@code -} (descending) and a key: {@code created_at},
 *        {@code heartbeat_at}, {@code config.<key>.value}, {@code summary_metrics.<key>}
 * @param perPage runs per request, 1 to 1000
 */
@RegisterForReflection
public record RunQuery(String filters, String order, int perPage) {

    public static final String DEFAULT_ORDER = "+created_at";
    public static final int DEFAULT_PER_PAGE = 50;

    public RunQuery {
        filters = filters == null || filters.isBlank() ? "{}" : filters;
        order = order == null || order.isBlank() ? DEFAULT_ORDER : order;
        if (perPage < 1 || perPage > 1000) {
            throw new IllegalArgumentException("perPage must be 1 to 1000, got " + perPage);
        }
    }

    /** All runs, oldest first, 50 per request. */
    public static RunQuery all() {
        return new RunQuery(null, null, DEFAULT_PER_PAGE);
    }

    public RunQuery withFilters(String filters) {
        return new RunQuery(filters, order, perPage);
    }

    public RunQuery withOrder(String order) {
        return new RunQuery(filters, order, perPage);
    }

    public RunQuery withPerPage(int perPage) {
        return new RunQuery(filters, order, perPage);
    }
}
