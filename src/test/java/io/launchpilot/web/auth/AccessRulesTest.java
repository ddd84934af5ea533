package io.launchpilot.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.launchpilot.web.auth.AccessRules.Area;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The explicit list of what needs a token and what writes. */
class AccessRulesTest {

    @ParameterizedTest
    @CsvSource({
            "/api/v1/events, API",
            "/api/v1/queues:plan, API",
            "/api/v2/anything, API",
            "/api/v1/webhooks/wandb, OPEN",
            "/api/v1/webhooks/generic/ci, OPEN",
            "/api/v1/webhooksx, API",
            "/mcp, MCP",
            "/mcp/sse, MCP",
            "/mcpx, OPEN",
            "/q/health, OPEN",
            "/q/health/ready, OPEN",
            "/q/metrics, OPEN",
            "/q/openapi, OPEN",
            "/sandbox/api/stats, OPEN",
            "/, OPEN"})
    void areas(String path, Area area) {
        assertEquals(area, AccessRules.area(path));
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /api/v1/queues, false",
            "HEAD, /api/v1/queues, false",
            "OPTIONS, /api/v1/queues, false",
            "GET, /api/v1/events/stream, false",
            "POST, /api/v1/queues:plan, false",
            "POST, /api/v1/queues%3Aplan, false",
            "POST, /api/v1/queues%3aplan, false",
            "POST, /api/v1/policies/p:validate, false",
            "POST, /api/v1/policies/p:dry-run, false",
            "POST, /api/v1/queues:apply, true",
            "POST, /api/v1/queues/acme/gpu/items, true",
            "POST, /api/v1/queues:plan/, true",
            "POST, /api/v1/queues:planx, true",
            "PUT, /api/v1/queues:plan, true",
            "PUT, /api/v1/queues/acme/gpu, true",
            "PATCH, /api/v1/runs/acme/vision/r1, true",
            "DELETE, /api/v1/queues/acme/gpu, true",
            "TRACE, /api/v1/queues, true",
            "post, /api/v1/queues:validate, false"})
    void writes(String method, String path, boolean writes) {
        assertEquals(writes, AccessRules.writes(method, path));
    }
}
