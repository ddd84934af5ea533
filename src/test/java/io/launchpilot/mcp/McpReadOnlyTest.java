package io.launchpilot.mcp;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.launchpilot.queue.Specs;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.ToolInfo;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** launchpilot.mcp.read-only=true: the writing tools are gone from tools/list, and calling one changes nothing. */
@QuarkusTest
@TestProfile(McpReadOnlyTest.ReadOnly.class)
class McpReadOnlyTest {

    public static class ReadOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("launchpilot.mcp.read-only", "true");
        }
    }

    static final String ENTITY = "mcp-read-only";

    @Test
    void writingToolsAreHiddenAndRefused() {
        McpClient mcp = new McpClient(McpAssured.newConnectedStreamableClient());
        mcp.client().when().toolsList(page -> assertEquals(McpToolsTest.READ_TOOLS,
                page.tools().stream().map(ToolInfo::name).collect(Collectors.toSet()))).thenAssertResults();

        String specs = Specs.local(ENTITY, "cpu");
        Map<String, Map<String, Object>> writes = Map.of(
                "apply_queues", Map.of("specs", specs, "confirm", true),
                "enqueue_run", Map.of("queue", "demo/cpu-local", "image", "python:3.12"),
                "set_sweep_state", Map.of("sweep", "demo/vision/any", "action", "pause"),
                "link_artifact", Map.of("artifact", "demo/vision/resnet:latest", "target", "vision/x"));
        assertEquals(McpToolsTest.WRITE_TOOLS, writes.keySet());
        writes.forEach((tool, arguments) -> assertThat(mcp.error(tool, arguments),
                containsString(tool + " changes W&B and this Launchpilot MCP server is read-only")));

        // reads still work, and the refused apply changed nothing
        assertEquals("create", mcp.ok("plan_queues", Map.of("specs", specs)).getJsonArray("changes").getJsonObject(0)
                .getString("action"));
        assertEquals(Set.of(), Set.copyOf(mcp.ok("list_queues", Map.of("entity", ENTITY)).getJsonArray("queues").getList()));
        mcp.client().disconnect();
    }
}
