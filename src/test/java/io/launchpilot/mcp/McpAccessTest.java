package io.launchpilot.mcp;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.launchpilot.queue.Specs;
import io.launchpilot.web.SecuredProfile;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.ToolInfo;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.MultiMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Token roles on MCP over HTTP: a read token is offered and may call the reading tools only (403 on every writing
 * one); a write token is offered and may call them all.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class McpAccessTest {

    static final String ENTITY = "mcp-access";

    static McpClient as(String token) {
        return new McpClient(McpAssured.newStreamableClient()
                .setAdditionalHeaders(message -> MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token))
                .build().connect());
    }

    @Test
    void readTokensReadAndAreRefusedEveryWrite() {
        McpClient reader = as(SecuredProfile.READ_TOKEN);
        reader.client().when().toolsList(page -> assertEquals(McpToolsTest.READ_TOOLS,
                page.tools().stream().map(ToolInfo::name).collect(Collectors.toSet()))).thenAssertResults();
        String specs = Specs.local(ENTITY, "cpu");
        Map<String, Map<String, Object>> writes = Map.of(
                "apply_queues", Map.of("specs", specs, "confirm", true),
                "enqueue_run", Map.of("queue", "demo/cpu-local", "image", "python:3.12"),
                "set_sweep_state", Map.of("sweep", "demo/vision/any", "action", "pause"),
                "link_artifact", Map.of("artifact", "demo/vision/resnet:latest", "target", "vision/x"));
        assertEquals(McpToolsTest.WRITE_TOOLS, writes.keySet());
        writes.forEach((tool, arguments) -> {
            String message = reader.error(tool, arguments);
            assertThat(message, containsString("403 forbidden: " + tool + " changes W&B and the bearer token 'reader'"
                    + " has the read role"));
            assertThat(message, not(containsString(SecuredProfile.READ_TOKEN)));
        });
        assertEquals(0, reader.ok("list_queues", Map.of("entity", ENTITY)).getInteger("total"), "nothing applied");
        reader.client().disconnect();

        McpClient writer = as(SecuredProfile.WRITE_TOKEN);
        Set<String> everyTool = new HashSet<>(McpToolsTest.READ_TOOLS);
        everyTool.addAll(McpToolsTest.WRITE_TOOLS);
        writer.client().when().toolsList(page -> assertEquals(everyTool,
                page.tools().stream().map(ToolInfo::name).collect(Collectors.toSet()))).thenAssertResults();
        assertEquals("create", writer.ok("apply_queues", Map.of("specs", specs, "confirm", true))
                .getJsonArray("applied").getJsonObject(0).getString("action"));
        assertEquals(1, writer.ok("list_queues", Map.of("entity", ENTITY)).getInteger("total"));
        writer.client().disconnect();
    }
}
