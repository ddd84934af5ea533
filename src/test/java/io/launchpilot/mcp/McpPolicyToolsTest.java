package io.launchpilot.mcp;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.launchpilot.testing.SandboxApi;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy tools and resources over MCP, with one policy declared in src/test/resources/mcp-config/policies. */
@QuarkusTest
@TestProfile(McpPolicyToolsTest.WithPolicy.class)
class McpPolicyToolsTest {

    public static class WithPolicy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("launchpilot.config-dir", "src/test/resources/mcp-config",
                    "launchpilot.sandbox.simulator.enabled", "false");
        }
    }

    static final String ENTITY = "mcp-policy";

    @Test
    void policiesAreListedValidatedAndDryRun() {
        McpClient mcp = new McpClient(McpAssured.newConnectedStreamableClient());
        JsonObject list = mcp.ok("list_policies", Map.of());
        assertEquals(1, list.getInteger("total"));
        JsonObject policy = list.getJsonArray("policies").getJsonObject(0);
        assertEquals("tag-good-runs", policy.getString("name"));
        assertThat(policy.getString("source"), containsString("tag-good-runs.yaml:4:"));

        String project = "p" + System.nanoTime();
        String good = SandboxApi.createRun(ENTITY, project, Map.of("state", "finished", "summary", Map.of("acc", 0.95)));
        String poor = SandboxApi.createRun(ENTITY, project, Map.of("state", "finished", "summary", Map.of("acc", 0.5)));
        JsonObject byRun = mcp.ok("dry_run_policy", Map.of("policy", "tag-good-runs", "run", ENTITY + "/" + project + "/" + good));
        JsonArray firings = byRun.getJsonArray("firings");
        assertEquals(1, firings.size(), byRun.encode());
        assertEquals("tagRun", firings.getJsonObject(0).getJsonArray("actions").getJsonObject(0).getString("type"));
        assertEquals(0, mcp.ok("dry_run_policy", Map.of("policy", "tag-good-runs", "run", ENTITY + "/" + project + "/" + poor))
                .getJsonArray("firings").size());
        JsonObject byEvent = mcp.ok("dry_run_policy", Map.of("policy", "tag-good-runs", "event", Map.of(
                "type", "run.state_changed", "subject", ENTITY + "/" + project + "/" + good,
                "payload", Map.of("entity", ENTITY, "project", project, "run", good, "from", "running", "to", "finished"))));
        assertEquals(1, byEvent.getJsonArray("firings").size(), byEvent.encode());
        assertThat(mcp.error("dry_run_policy", Map.of("policy", "tag-good-runs")), containsString("exactly one of"));
        assertThat(mcp.error("dry_run_policy", Map.of("policy", "nosuch", "run", ENTITY + "/" + project + "/" + good)),
                containsString("no policy named nosuch"));

        JsonObject valid = mcp.ok("validate_policy", Map.of("policy", """
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: pause-on-crash }
                spec:
                  on: [ { event: run.state_changed, where: { to: CRASHED } } ]
                  do: [ { log: { message: "${run.path} crashed" } } ]
                """));
        assertTrue(valid.getBoolean("valid"));
        assertEquals("pause-on-crash", valid.getJsonArray("policies").getJsonObject(0).getString("name"));
        String invalid = mcp.error("validate_policy", Map.of("policy", """
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: broken }
                spec:
                  on: [ { event: run.state_changed } ]
                  doo: [ { log: { message: x } } ]
                """));
        assertThat(invalid, containsString("invalid policy, nothing was loaded:\nbody:5:3: spec.do is required"));
        assertThat(invalid, containsString("\nbody:6:3: unknown key \"doo\" in spec; did you mean do?"));

        JsonObject actions = mcp.ok("list_actions", Map.of("policy", "tag-good-runs", "limit", 10));
        assertFalse(actions.getJsonArray("items").size() > 10);
        assertThat(mcp.error("list_actions", Map.of("state", "sleeping")), containsString("state must be one of"));
        assertThat(mcp.error("list_actions", Map.of("limit", 1000)), containsString("limit must be 1 to 500"));

        mcp.client().when()
                .resourcesRead("launchpilot://policies", response -> assertThat(response.contents().get(0).asText().text(),
                        containsString("uri: launchpilot://policies/tag-good-runs")))
                .resourcesRead("launchpilot://policies/tag-good-runs", response -> assertThat(
                        response.contents().get(0).asText().text(), containsString("name: tag-good-runs")))
                .thenAssertResults();
        mcp.client().disconnect();
    }
}
