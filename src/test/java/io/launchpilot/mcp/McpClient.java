package io.launchpilot.mcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Tool calls through a real MCP client (McpAssured over streamable HTTP), one at a time, for readable tests. */
record McpClient(McpStreamableTestClient client) {

    ToolResponse call(String tool, Map<String, Object> arguments) {
        AtomicReference<ToolResponse> response = new AtomicReference<>();
        client.when().toolsCall(tool, arguments, response::set).thenAssertResults();
        return response.get();
    }

    /** The structured result of a call that must succeed. */
    JsonObject ok(String tool, Map<String, Object> arguments) {
        ToolResponse response = call(tool, arguments);
        assertFalse(response.isError(), () -> tool + " failed: " + text(response));
        assertTrue(response.structuredContent() instanceof JsonObject, tool + " has a structured result");
        return (JsonObject) response.structuredContent();
    }

    /** The message of a call that must end in a tool error (isError: true), not a protocol error. */
    String error(String tool, Map<String, Object> arguments) {
        ToolResponse response = call(tool, arguments);
        assertTrue(response.isError(), () -> tool + " should have failed, answered " + text(response));
        return text(response);
    }

    static String text(ToolResponse response) {
        return response.content().isEmpty() ? "" : ((TextContent) response.content().get(0)).text();
    }
}
