package io.launchpilot.mcp;

import io.quarkiverse.mcp.server.ToolCallException;

/** Every list a tool returns is bounded: an agent's context is small, and W&B's projects are not. */
final class ResultLimit {

    static final int DEFAULT = 50;
    static final int MAX = 500;
    /** The same text for every {@code limit} argument. */
    static final String DESCRIPTION = "Most items to return, 1 to 500 (default 50). The result says when more exist.";

    private ResultLimit() {
    }

    static int check(int limit) {
        if (limit < 1 || limit > MAX) {
            throw new ToolCallException("limit must be 1 to " + MAX + ", got " + limit);
        }
        return limit;
    }
}
