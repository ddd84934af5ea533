package io.launchpilot.cli.queues;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.cli.LaunchpilotApplication;
import io.launchpilot.queue.SandboxStats;
import io.launchpilot.queue.Specs;
import io.launchpilot.wandb.PrioritizationMode;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.QueueSpec;
import io.launchpilot.wandb.WandbClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code queues plan|apply|list|get|delete} and {@code enqueue} through the real command tree
 * against the sandbox of the test application: output, exit codes and the requests each costs.
 */
@QuarkusTest
class QueuesCommandsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ENTITY = "lp-cli";

    record Result(int exitCode, String output, String errorOutput) {
        List<String> errorLines() {
            return errorOutput.lines().toList();
        }
    }

    @Inject
    CommandLine.IFactory factory;

    @Inject
    WandbClient wandb;

    @TempDir
    Path directory;

    Result launch(String... args) {
        CommandLine commandLine = LaunchpilotApplication.commandLine(factory);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeEach
    void emptySandbox() {
        SandboxStats.reset();
    }

    private String specs() {
        Specs.write(directory, "gpu.yaml", Specs.kubernetes(ENTITY, "gpu", "V0", "ml"));
        Specs.write(directory, "cpu.yaml", Specs.local(ENTITY, "cpu"));
        return directory.toString();
    }

    @Test
    void planWithoutPathReadsTheExampleQueues() {
        io.restassured.RestAssured.given().post("/sandbox/api/reset?seed=demo").then().statusCode(200);
        Result result = launch("queues", "plan");
        assertEquals(0, result.exitCode(), result.errorOutput());
        assertThat(result.output(), containsString("+ create     demo/gpu-a100"));
        assertThat(result.output(), containsString("+ create     demo/cpu-docker"));
        assertThat(result.output(), containsString("  unmanaged  demo/cpu-local"));
        assertThat(result.output(), containsString("Plan: 2 to create, 0 to update, 0 to delete;"));
        assertEquals("", result.errorOutput());
    }

    @Test
    void applyThenPlanShowsEverythingUnchangedAndReApplySendsNoMutation() throws Exception {
        String path = specs();
        Result plan = launch("queues", "plan", path);
        assertEquals(0, plan.exitCode(), "a plan with changes still exits 0");

        Result apply = launch("queues", "apply", path);
        assertEquals(0, apply.exitCode(), apply.errorOutput());
        assertThat(apply.output(), containsString("Applied: 2 created, 0 updated, 0 deleted."));

        SandboxStats before = SandboxStats.now();
        Result again = launch("queues", "apply", path);
        assertEquals(0, again.exitCode(), again.errorOutput());
        assertThat(again.output(), containsString("No changes."));
        assertEquals(Map.of("RunQueuesWithConfig", 1), SandboxStats.now().since(before));

        JsonNode json = JSON.readTree(launch("queues", "plan", path, "-o", "json").output());
        assertEquals(2, json.get("summary").get("unchanged").asInt());
        for (JsonNode change : json.get("changes")) {
            assertEquals("unchanged", change.get("action").asText());
        }
    }

    @Test
    void anUpdateShowsEachFieldAndDryRunChangesNothing() {
        String path = specs();
        launch("queues", "apply", path);
        Specs.write(directory, "gpu.yaml", Specs.kubernetes(ENTITY, "gpu", "V0", "research"));
        SandboxStats before = SandboxStats.now();
        Result dry = launch("queues", "apply", path, "--dry-run");
        assertEquals(0, dry.exitCode(), dry.errorOutput());
        assertThat(dry.output(), containsString("~ update     " + ENTITY + "/gpu"));
        assertThat(dry.output(), containsString("      config.namespace: \"ml\" -> \"research\""));
        assertThat(dry.output(), containsString("Dry run: nothing changed."));
        assertEquals(0, SandboxStats.now().mutationsSince(before));
    }

    @Test
    void invalidSpecsExit2WithOneLinePerProblem() {
        Path file = Specs.write(directory, "bad.yaml", String.join("\n",
                "apiVersion: launchpilot/v1",
                "kind: RunQueue",
                "metadata: {name: bad, entity: " + ENTITY + "}",
                "spec:",
                "  resource: slurm",
                "  config: {n: '{{n}}'}",
                "  colour: red",
                ""));
        SandboxStats before = SandboxStats.now();
        Result result = launch("queues", "plan", file.toString());
        assertEquals(2, result.exitCode());
        assertEquals(List.of(
                file + ":5:13: spec.resource must be one of gcp-vertex, kubernetes, local-container, local-process,"
                        + " sagemaker, got \"slurm\"",
                file + ":6:15: {{n}} is not a declared template variable; declare it under spec.templateVariables",
                file + ":7:3: unknown key \"colour\" in spec; expected resource, prioritization, config,"
                        + " templateVariables, externalLinks"),
                result.errorLines());
        assertEquals("", result.output());
        assertEquals(2, launch("queues", "apply", file.toString()).exitCode());
        assertEquals(0, SandboxStats.now().since(before).size(), "invalid specs never reach W&B");
    }

    @Test
    void aMissingPathIsAValidationError() {
        Result result = launch("queues", "plan", directory.resolve("nope").toString());
        assertEquals(2, result.exitCode());
        assertEquals(List.of(directory.resolve("nope") + ":1:1: no such file or directory"), result.errorLines());
    }

    @Test
    void v0BackToDisabledIsRefusedWithAReasonNamingV0() {
        String path = specs();
        launch("queues", "apply", path);
        Path gpu = Specs.write(directory, "gpu.yaml", Specs.kubernetes(ENTITY, "gpu", "DISABLED", "ml"));
        SandboxStats before = SandboxStats.now();
        Result plan = launch("queues", "plan", path);
        assertEquals(1, plan.exitCode());
        assertThat(plan.output(), containsString("! refused    " + ENTITY + "/gpu"));
        assertThat(plan.errorLines(), hasItem(startsWith(gpu + ":8:19: queue " + ENTITY + "/gpu: W&B cannot take a queue"
                + " from V0 prioritization back to DISABLED")));
        Result apply = launch("queues", "apply", path);
        assertEquals(1, apply.exitCode());
        assertThat(apply.errorOutput(), containsString("V0"));
        assertThat(apply.errorOutput(), containsString("nothing applied"));
        assertEquals(0, SandboxStats.now().mutationsSince(before));
    }

    @Test
    void pruneDeletesOnlyManagedQueues() throws Exception {
        String path = specs();
        launch("queues", "apply", path);
        wandb.upsertQueue(new QueueSpec(new QueueRef(ENTITY, "by-hand"), "local-process", Map.of(), List.of(),
                PrioritizationMode.DISABLED, List.of()));
        Files.delete(directory.resolve("cpu.yaml"));

        Result kept = launch("queues", "apply", path);
        assertEquals(0, kept.exitCode(), kept.errorOutput());
        assertThat(kept.output(), containsString("? orphaned   " + ENTITY + "/cpu"));
        assertThat(kept.output(), containsString("  unmanaged  " + ENTITY + "/by-hand"));

        Result pruned = launch("queues", "apply", path, "--prune");
        assertEquals(0, pruned.exitCode(), pruned.errorOutput());
        assertThat(pruned.output(), containsString("- delete     " + ENTITY + "/cpu"));
        assertThat(pruned.output(), containsString("Applied: 0 created, 0 updated, 1 deleted."));
        assertEquals(List.of("by-hand", "gpu"),
                wandb.queues(ENTITY).stream().map(queue -> queue.ref().name()).sorted().toList());
    }

    @Test
    void listGetAndDelete() throws Exception {
        launch("queues", "apply", specs());
        wandb.upsertQueue(new QueueSpec(new QueueRef(ENTITY, "by-hand"), "local-process", Map.of(), List.of(),
                PrioritizationMode.DISABLED, List.of()));

        Result list = launch("queues", "list", ENTITY);
        assertEquals(0, list.exitCode(), list.errorOutput());
        assertThat(list.output(), startsWith("QUEUE"));
        assertThat(list.output(), containsString(ENTITY + "/gpu"));
        assertThat(list.output(), containsString("MANAGED"));

        JsonNode gpu = JSON.readTree(launch("queues", "get", ENTITY + "/gpu", "-o", "json").output());
        assertEquals("kubernetes", gpu.get("resource").asText());
        assertEquals("V0", gpu.get("prioritization").asText());
        assertTrue(gpu.get("managed").asBoolean());
        assertEquals(0, gpu.get("items").size());

        Result missing = launch("queues", "get", ENTITY + "/nope");
        assertEquals(1, missing.exitCode());
        assertEquals(List.of("launchpilot: queue " + ENTITY + "/nope not found"), missing.errorLines());

        Result unmanaged = launch("queues", "delete", ENTITY + "/by-hand");
        assertEquals(1, unmanaged.exitCode());
        assertThat(unmanaged.errorOutput(), containsString("not managed by Launchpilot"));
        assertEquals(0, launch("queues", "delete", ENTITY + "/by-hand", "--force").exitCode());
        Result deleted = launch("queues", "delete", ENTITY + "/gpu");
        assertEquals(0, deleted.exitCode(), deleted.errorOutput());
        assertEquals(List.of("cpu"), wandb.queues(ENTITY).stream().map(queue -> queue.ref().name()).toList());

        assertEquals(2, launch("queues", "get", "no-slash").exitCode());
    }

    @Test
    void enqueueValidatesBeforePushing() throws Exception {
        launch("queues", "apply", specs());
        Path config = Files.writeString(directory.resolve("run.json"), "{\"lr\": 0.01, \"epochs\": 3}");

        Result ok = launch("enqueue", "--queue", ENTITY + "/gpu", "--image", "python:3.12", "--var", "gpus=2",
                "--priority", "high", "--config", config.toString(), "--project", "vision", "-o", "json");
        assertEquals(0, ok.exitCode(), ok.errorOutput());
        JsonNode queued = JSON.readTree(ok.output());
        assertEquals(0.01, queued.get("runSpec").get("overrides").get("run_config").get("lr").asDouble());
        assertEquals(List.of(queued.get("itemId").asText()), wandb.queue(new QueueRef(ENTITY, "gpu")).orElseThrow()
                .items().stream().map(item -> item.id()).toList());

        SandboxStats before = SandboxStats.now();
        Result tooMany = launch("enqueue", "--queue", ENTITY + "/gpu", "--image", "python:3.12", "--var", "gpus=12",
                "--var", "colour=red");
        assertEquals(2, tooMany.exitCode());
        assertEquals(List.of("launchpilot: --var gpus: must be at most 8, got 12",
                "launchpilot: --var colour: queue " + ENTITY + "/gpu has no template variable colour; it has gpus"),
                tooMany.errorLines());

        Result notAnInteger = launch("enqueue", "--queue", ENTITY + "/gpu", "--job", "a/b/c:latest", "--var", "gpus=two");
        assertEquals(2, notAnInteger.exitCode());
        assertEquals(List.of("launchpilot: --var gpus: must be an integer, got \"two\""), notAnInteger.errorLines());

        Result priority = launch("enqueue", "--queue", ENTITY + "/cpu", "--image", "python:3.12", "--priority", "low");
        assertEquals(2, priority.exitCode());
        assertThat(priority.errorOutput(), containsString("--priority: queue " + ENTITY + "/cpu has prioritization"
                + " DISABLED; a priority needs a V0 queue"));

        assertEquals(2, launch("enqueue", "--queue", ENTITY + "/gpu", "--image", "i", "--priority", "urgent").exitCode());
        assertEquals(2, launch("enqueue", "--queue", ENTITY + "/gpu", "--image", "i", "--job", "j").exitCode());
        assertEquals(2, launch("enqueue", "--queue", ENTITY + "/gpu").exitCode());
        assertEquals(0, SandboxStats.now().mutationsSince(before), "nothing refused was pushed");

        Result missing = launch("enqueue", "--queue", ENTITY + "/nope", "--image", "i");
        assertEquals(1, missing.exitCode());
        assertThat(missing.errorOutput(), not(containsString("Exception")));
    }
}
