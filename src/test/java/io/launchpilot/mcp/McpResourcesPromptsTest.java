package io.launchpilot.mcp;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.launchpilot.queue.QueueSpecLoader;
import io.launchpilot.queue.QueueSpecSet;
import io.launchpilot.testing.SandboxApi;
import io.quarkiverse.mcp.server.JsonRpcErrorCodes;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkiverse.mcp.server.test.McpAssured.PromptArgument;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The declared queue specs as MCP resources, and the prompts, through a real MCP client. */
@QuarkusTest
class McpResourcesPromptsTest {

    static final String ENTITY = "mcp-prompts";

    @Inject
    QueueSpecLoader loader;

    @Test
    void declaredQueueSpecsAreResourcesThatPlanAsTheyAre() {
        McpStreamableTestClient client = McpAssured.newConnectedStreamableClient();
        AtomicReference<String> spec = new AtomicReference<>();
        client.when()
                .resourcesList(page -> assertEquals("application/yaml", page.findByUri("launchpilot://queues").mimeType()))
                .resourcesTemplatesList(page -> assertEquals("queue_spec",
                        page.findByUriTemplate("launchpilot://queues/{entity}/{name}").name()))
                .resourcesRead("launchpilot://queues", response -> {
                    String index = response.contents().get(0).asText().text();
                    assertThat(index, containsString("uri: launchpilot://queues/demo/gpu-a100"));
                    assertThat(index, containsString("declaredAt: config/queues/gpu-a100.yaml:7:"));
                })
                .resourcesRead("launchpilot://queues/demo/gpu-a100", response -> spec.set(response.contents().get(0)
                        .asText().text()))
                .thenAssertResults();
        assertThat(spec.get(), containsString("kind: RunQueue"));
        assertThat(spec.get(), containsString("prioritization: V0"));
        // what the resource holds is the same queue as the file declares: parsed back, it is equal
        QueueSpecSet fromFile = loader.load(List.of(java.nio.file.Path.of("config/queues/gpu-a100.yaml")));
        QueueSpecSet fromResource = loader.parse("resource", spec.get());
        assertEquals(fromFile.queues().get(0).document(), fromResource.queues().get(0).document());

        client.when().resourcesRead("launchpilot://queues/demo/nosuch")
                .withErrorAssert(error -> {
                    assertEquals(JsonRpcErrorCodes.RESOURCE_NOT_FOUND, error.code());
                    assertThat(error.message(), containsString("declared: demo/"));
                }).send().thenAssertResults();
        client.disconnect();
    }

    @Test
    void triagePromptGathersTheFailedRunsOfASweep() {
        String project = "triage" + System.nanoTime();
        String sweep = SandboxApi.createSweep(ENTITY, project, "method: grid\nmetric: {name: loss, goal: minimize}\n"
                + "parameters: {lr: {values: [0.1, 1.0]}}\n");
        String best = SandboxApi.createRun(ENTITY, project, Map.of("sweep", sweep, "state", "finished",
                "config", Map.of("lr", 0.1), "summary", Map.of("loss", 0.3)));
        String crashed = SandboxApi.createRun(ENTITY, project, Map.of("sweep", sweep, "state", "crashed",
                "config", Map.of("lr", 1.0), "summary", Map.of("loss", 42.0)));
        McpStreamableTestClient client = McpAssured.newConnectedStreamableClient();
        client.when()
                .promptsList(page -> {
                    assertEquals(List.of("sweep"), page.findByName("triage_failed_runs").arguments().stream()
                            .map(PromptArgument::name).toList());
                    assertTrue(page.findByName("review_queue_change").arguments().get(0).required());
                })
                .promptsGet("triage_failed_runs", Map.of("sweep", ENTITY + "/" + project + "/" + sweep), response -> {
                    String text = response.messages().get(0).content().asText().text();
                    assertThat(text, containsString("Best run so far: " + best + " with loss = 0.3"));
                    assertThat(text, containsString("- " + crashed));
                    assertThat(text, containsString("crashed"));
                    assertThat(text, not(containsString("- " + best)));
                    assertThat(text, containsString("set_sweep_state"));
                })
                .promptsGet("review_queue_change", Map.of("specs", "kind: RunQueue"), response -> assertThat(
                        response.messages().get(0).content().asText().text(), containsString("plan_queues")))
                .thenAssertResults();
        client.when().promptsGet("triage_failed_runs")
                .withArguments(Map.of("sweep", ENTITY + "/" + project + "/nosuch"))
                .withErrorAssert(error -> assertThat(error.message(), containsString("not found")))
                .send().thenAssertResults();
        client.disconnect();
    }
}
