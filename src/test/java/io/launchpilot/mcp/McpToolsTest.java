package io.launchpilot.mcp;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.queue.Specs;
import io.launchpilot.store.NewEvent;
import io.launchpilot.store.Store;
import io.launchpilot.testing.SandboxApi;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.ToolInfo;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every tool through a real MCP client (McpAssured, streamable HTTP at /mcp) against the embedded sandbox: what
 * tools/list tells an agent, a successful call of each tool, and the tool errors (isError: true) of bad input.
 */
@QuarkusTest
class McpToolsTest {

    static final Set<String> READ_TOOLS = Set.of("list_queues", "get_queue", "plan_queues", "list_runs", "get_run",
            "list_sweeps", "get_sweep", "list_events", "list_policies", "validate_policy", "dry_run_policy",
            "list_actions");
    static final Set<String> WRITE_TOOLS = Set.of("apply_queues", "enqueue_run", "set_sweep_state", "link_artifact");
    static final String ENTITY = "mcp-tools";

    @Inject
    Store store;

    McpClient mcp;

    @BeforeEach
    void connect() {
        mcp = new McpClient(McpAssured.newStreamableClient().build().connect(init -> {
            assertEquals("launchpilot", init.serverName());
            Set<String> capabilities = init.capabilities().stream().map(c -> c.name()).collect(Collectors.toSet());
            assertTrue(capabilities.containsAll(Set.of("tools", "resources", "prompts")), capabilities.toString());
        }));
    }

    @AfterEach
    void disconnect() {
        mcp.client().disconnect();
    }

    @Test
    void toolsListDescribesEveryToolWithAnnotationsAndSchemas() {
        mcp.client().when().toolsList(page -> {
            Set<String> names = page.tools().stream().map(ToolInfo::name).collect(Collectors.toCollection(TreeSet::new));
            Set<String> expected = new TreeSet<>(READ_TOOLS);
            expected.addAll(WRITE_TOOLS);
            assertEquals(expected, names);
            for (ToolInfo tool : page.tools()) {
                assertTrue(tool.description().length() > 100, tool.name() + ": a description an agent can act on");
                assertNotNull(tool.outputSchema(), tool.name() + " has an output schema");
                var annotations = tool.annotations().orElseThrow();
                assertEquals(READ_TOOLS.contains(tool.name()), annotations.readOnlyHint(), tool.name());
                assertNotNull(annotations.title());
                if (annotations.readOnlyHint()) {
                    assertFalse(annotations.destructiveHint(), tool.name());
                    assertTrue(annotations.idempotentHint(), tool.name());
                }
            }
            ToolInfo apply = page.findByName("apply_queues");
            assertTrue(apply.annotations().orElseThrow().destructiveHint());
            assertEquals(new JsonArray().add("specs"), apply.inputSchema().getJsonArray("required"));
            assertFalse(page.findByName("enqueue_run").annotations().orElseThrow().idempotentHint());

            JsonObject runs = page.findByName("list_runs").inputSchema();
            JsonObject properties = runs.getJsonObject("properties");
            assertEquals(Set.of("path", "entity", "project", "filters", "order", "limit"), properties.fieldNames());
            assertEquals(new JsonArray().add("object").add("string"), properties.getJsonObject("filters").getValue("type"));
            assertEquals("integer", properties.getJsonObject("limit").getString("type"));
            assertEquals(50, properties.getJsonObject("limit").getInteger("default"));
            assertEquals(new JsonArray(), runs.getJsonArray("required"));
        }).thenAssertResults();
    }

    @Test
    void queuesArePlannedAppliedListedAndFedThroughTools() {
        String specs = Specs.kubernetes(ENTITY, "gpu", "V0", "ml");
        JsonObject plan = mcp.ok("plan_queues", Map.of("specs", specs));
        assertEquals("create", plan.getJsonArray("changes").getJsonObject(0).getString("action"));

        assertThat(mcp.error("apply_queues", Map.of("specs", specs)), containsString("confirm: true"));
        assertEquals(0, mcp.ok("list_queues", Map.of("entity", ENTITY)).getInteger("total"), "nothing applied");

        JsonObject applied = mcp.ok("apply_queues", Map.of("specs", specs, "confirm", true));
        assertEquals("create", applied.getJsonArray("applied").getJsonObject(0).getString("action"));
        JsonObject again = mcp.ok("plan_queues", Map.of("specs", specs));
        assertEquals("unchanged", again.getJsonArray("changes").getJsonObject(0).getString("action"));

        JsonObject list = mcp.ok("list_queues", Map.of("entity", ENTITY));
        assertEquals(1, list.getInteger("total"));
        assertFalse(list.getBoolean("truncated"));
        JsonObject queue = list.getJsonArray("queues").getJsonObject(0);
        assertEquals("gpu", queue.getString("name"));
        assertTrue(queue.getBoolean("managed"));

        JsonObject queued = mcp.ok("enqueue_run", Map.of("queue", ENTITY + "/gpu", "image", "python:3.12",
                "vars", Map.of("gpus", 2), "priority", "high"));
        assertNotNull(queued.getString("itemId"));
        String refused = mcp.error("enqueue_run", Map.of("queue", ENTITY + "/gpu", "image", "python:3.12",
                "vars", Map.of("gpus", 9, "cpus", 1)));
        assertThat(refused, containsString("vars.gpus: "));
        assertThat(refused, containsString("vars.cpus: queue " + ENTITY + "/gpu has no template variable cpus"));
        assertThat(mcp.error("enqueue_run", Map.of("queue", ENTITY + "/gpu", "image", "python:3.12",
                "priority", "urgent")), containsString("priority: must be one of critical, high, medium, low"));
        assertThat(mcp.error("enqueue_run", Map.of("queue", ENTITY + "/gpu")), containsString("exactly one of job and image"));
        assertThat(mcp.error("enqueue_run", Map.of("queue", ENTITY + "/nope", "image", "x")), containsString("not found"));

        JsonObject detail = mcp.ok("get_queue", Map.of("queue", ENTITY + "/gpu"));
        assertEquals(1, detail.getInteger("itemCount"));
        assertEquals(queued.getString("itemId"), detail.getJsonObject("queue").getJsonArray("items").getJsonObject(0)
                .getString("id"));
        mcp.ok("enqueue_run", Map.of("queue", ENTITY + "/gpu", "image", "python:3.12"));
        JsonObject cut = mcp.ok("get_queue", Map.of("queue", ENTITY + "/gpu", "limit", 1));
        assertEquals(2, cut.getInteger("itemCount"));
        assertTrue(cut.getBoolean("itemsTruncated"));
        assertEquals(1, cut.getJsonObject("queue").getJsonArray("items").size());
    }

    @Test
    void invalidSpecsAreToolErrorsWithEveryPosition() {
        String bad = Specs.local(ENTITY, "cpu").replace("local-container", "slurm") + "  extra: 1\n";
        String message = mcp.error("plan_queues", Map.of("specs", bad));
        assertThat(message, startsWith("invalid queue specs, nothing was planned or applied:"));
        assertThat(message, containsString("\nspecs:5:13: spec.resource must be one of"));
        assertThat(message, containsString("\nspecs:7:3: unknown key \"extra\" in spec"));
        assertThat(mcp.error("apply_queues", Map.of("specs", bad, "confirm", true)), containsString("specs:5:13"));
        assertThat(mcp.error("plan_queues", Map.of("specs", " ")), containsString("specs is empty"));
        assertThat(mcp.error("get_queue", Map.of("queue", "no-slash")), containsString("entity/queue"));
    }

    @Test
    void runsAreListedWithFiltersAsObjectOrTextAndBounded() {
        String project = "runs" + System.nanoTime();
        for (int i = 1; i <= 3; i++) {
            SandboxApi.createRun(ENTITY, project, Map.of("displayName", "r" + i, "state", i == 3 ? "failed" : "finished",
                    "config", Map.of("lr", 0.1 * i), "summary", Map.of("acc", 0.5 + i / 10.0)));
        }
        String path = ENTITY + "/" + project;
        JsonObject finished = mcp.ok("list_runs", Map.of("path", path, "filters", Map.of("state", "finished"),
                "order", "-summary_metrics.acc"));
        assertEquals(List.of("r2", "r1"), displayNames(finished));
        assertFalse(finished.getBoolean("truncated"));
        JsonObject asText = mcp.ok("list_runs", Map.of("entity", ENTITY, "project", project,
                "filters", "{\"state\": \"finished\"}", "order", "-summary_metrics.acc"));
        assertEquals(List.of("r2", "r1"), displayNames(asText));

        JsonObject bounded = mcp.ok("list_runs", Map.of("path", path, "limit", 2));
        assertEquals(List.of("r1", "r2"), displayNames(bounded));
        assertTrue(bounded.getBoolean("truncated"));
        assertEquals(2, bounded.getInteger("returned"));

        JsonObject run = bounded.getJsonArray("runs").getJsonObject(0);
        JsonObject one = mcp.ok("get_run", Map.of("run", run.getString("path")));
        assertEquals("r1", one.getString("displayName"));
        assertEquals(0.1, one.getJsonObject("config").getDouble("lr"), 1e-9);
        assertEquals(0.6, one.getJsonObject("summary").getDouble("acc"), 1e-9);

        assertThat(mcp.error("list_runs", Map.of("path", path, "entity", ENTITY)), containsString("not both"));
        assertThat(mcp.error("list_runs", Map.of("order", "-created_at")), containsString("name the project"));
        assertThat(mcp.error("list_runs", Map.of("entity", ENTITY)), containsString("give both entity and project"));
        assertThat(mcp.error("list_runs", Map.of("path", path, "filters", "{state: finished")),
                containsString("filters is not a JSON object"));
        assertThat(mcp.error("list_runs", Map.of("path", path, "limit", 0)), containsString("limit must be 1 to 500"));
        assertThat(mcp.error("list_runs", Map.of("path", path, "limit", 501)), containsString("limit must be 1 to 500"));
        assertThat(mcp.error("get_run", Map.of("run", path + "/nosuchrun")), containsString("not found"));
    }

    @Test
    void sweepsShowTheirBestRunAndChangeState() {
        String project = "sweeps" + System.nanoTime();
        String sweep = SandboxApi.createSweep(ENTITY, project, """
                method: random
                metric: {name: acc, goal: maximize}
                parameters: {lr: {min: 0.001, max: 0.1}}
                """);
        String good = SandboxApi.createRun(ENTITY, project, Map.of("sweep", sweep, "state", "finished",
                "config", Map.of("lr", 0.01), "summary", Map.of("acc", 0.9)));
        SandboxApi.createRun(ENTITY, project, Map.of("sweep", sweep, "state", "crashed", "config", Map.of("lr", 0.1),
                "summary", Map.of("acc", 0.2)));

        JsonObject list = mcp.ok("list_sweeps", Map.of("project", ENTITY + "/" + project));
        assertEquals(1, list.getInteger("total"));
        String path = ENTITY + "/" + project + "/" + sweep;
        JsonObject detail = mcp.ok("get_sweep", Map.of("sweep", path));
        assertEquals("acc", detail.getString("metric"));
        assertEquals("maximize", detail.getString("goal"));
        assertEquals(good, detail.getJsonObject("best").getString("run"));
        assertEquals(0.9, detail.getJsonObject("best").getDouble("value"), 1e-9);

        assertEquals("PAUSED", mcp.ok("set_sweep_state", Map.of("sweep", path, "action", "pause")).getString("state"));
        assertEquals("RUNNING", mcp.ok("set_sweep_state", Map.of("sweep", path, "action", "Resume")).getString("state"));
        assertThat(mcp.error("set_sweep_state", Map.of("sweep", path, "action", "halt")),
                containsString("one of pause, resume, stop, cancel"));
        assertEquals("FINISHED", mcp.ok("set_sweep_state", Map.of("sweep", path, "action", "stop")).getString("state"));
        assertThat(mcp.error("set_sweep_state", Map.of("sweep", path, "action", "pause")), containsString("cannot pause"));
        assertThat(mcp.error("get_sweep", Map.of("sweep", ENTITY + "/" + project + "/nosuch")), containsString("not found"));
    }

    @Test
    void anArtifactVersionIsLinkedWithAnAlias() {
        String project = "arts" + System.nanoTime();
        String run = SandboxApi.createRun(ENTITY, project, Map.of("displayName", "trainer"));
        SandboxApi.createArtifact(ENTITY, project, run, "model", "resnet");
        JsonObject linked = mcp.ok("link_artifact", Map.of("artifact", ENTITY + "/" + project + "/resnet:latest",
                "target", project + "/best-models", "aliases", List.of("production")));
        assertEquals("best-models", linked.getString("collection"));
        assertTrue(linked.getJsonArray("aliases").contains("production"), linked.encode());
        assertThat(mcp.error("link_artifact", Map.of("artifact", ENTITY + "/" + project + "/nosuch:latest",
                "target", project + "/best-models")), containsString("not found"));
    }

    @Test
    void eventsArePagedByTypeAndSubject() {
        String prefix = "mcp-events-" + System.nanoTime();
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(new NewEvent("run.state_changed", prefix + "/vision/run" + i, "test",
                    new ObjectMapper().createObjectNode().put("to", "failed")));
        }
        store.transaction(tx -> tx.append(events, Instant.parse("2030-01-01T00:00:00Z")));

        JsonObject page = mcp.ok("list_events", Map.of("subject", prefix + "/*", "type", "run.*", "limit", 2));
        assertEquals(2, page.getJsonArray("items").size());
        assertNotNull(page.getString("next"), "more than the limit: a next cursor");
        JsonObject rest = mcp.ok("list_events", Map.of("subject", prefix + "/*", "after", Long.parseLong(page.getString("next"))));
        assertEquals(1, rest.getJsonArray("items").size());
        assertEquals(prefix + "/vision/run2", rest.getJsonArray("items").getJsonObject(0).getString("subject"));
        assertNull(rest.getString("next"));
        JsonObject newest = mcp.ok("list_events", Map.of("subject", prefix + "/*", "order", "desc", "limit", 1));
        assertEquals(prefix + "/vision/run2", newest.getJsonArray("items").getJsonObject(0).getString("subject"));
        assertThat(mcp.error("list_events", Map.of("order", "sideways")), containsString("asc or desc"));
    }

    private static List<String> displayNames(JsonObject runs) {
        List<String> names = new ArrayList<>();
        runs.getJsonArray("runs").forEach(run -> names.add(((JsonObject) run).getString("displayName")));
        return names;
    }
}
