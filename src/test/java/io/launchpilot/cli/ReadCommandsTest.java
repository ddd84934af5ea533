package io.launchpilot.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The read commands through the real command tree (parsing, output formats, exit codes, one-line
 * errors) against the embedded sandbox this test application serves (no W&B key is configured).
 * They run inside the started application: a one-shot process has no HTTP listener of its own.
 */
@QuarkusTest
class ReadCommandsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CommandLine.IFactory factory;

    CommandResult launch(String... args) {
        return CommandResult.run(LaunchpilotApplication.commandLine(factory), args);
    }

    @Test
    void runsListPrintsATableOfDemoRuns() {
        CommandResult result = launch("runs", "list", "demo/vision", "--limit", "3");
        assertEquals(0, result.exitCode(), result.errorOutput());
        List<String> lines = result.outputLines();
        assertThat(lines.get(0), startsWith("NAME"));
        assertThat(lines.get(0), containsString("STATE"));
        assertThat(lines, hasSize(4));
    }

    @Test
    void runsListFiltersAndOrdersAsWandbDoes() throws Exception {
        CommandResult result = launch("runs", "list", "demo/vision", "-o", "json",
                "--filter", "{\"state\":\"finished\"}", "--order", "-summary_metrics.val_acc");
        assertEquals(0, result.exitCode(), result.errorOutput());
        JsonNode runs = JSON.readTree(result.output());
        assertThat(runs.size() > 0 ? "some" : "none", containsString("some"));
        double previous = Double.MAX_VALUE;
        for (JsonNode run : runs) {
            assertEquals("finished", run.get("state").asText());
            double acc = run.get("summary").get("val_acc").asDouble();
            assertThat("descending val_acc", acc <= previous ? "ok" : "out of order", containsString("ok"));
            previous = acc;
        }
    }

    @Test
    void runsGetShowsOneRunInYaml() throws Exception {
        CommandResult list = launch("runs", "list", "demo/vision", "-o", "json", "--limit", "1");
        String name = JSON.readTree(list.output()).get(0).get("ref").get("name").asText();

        CommandResult result = launch("runs", "get", "demo/vision/" + name, "-o", "yaml");
        assertEquals(0, result.exitCode(), result.errorOutput());
        JsonNode run = new YAMLMapper().readTree(result.output());
        assertEquals(name, run.get("ref").get("name").asText());
        assertEquals("demo", run.get("ref").get("entity").asText());
    }

    @Test
    void unknownRunIsAFailureWithOneLine() {
        CommandResult result = launch("runs", "get", "demo/vision/doesnotexist");
        assertEquals(1, result.exitCode(), result.errorOutput());
        assertEquals(List.of("launchpilot: run demo/vision/doesnotexist not found"), result.errorLines());
    }

    @Test
    void badPathIsAUsageError() {
        CommandResult result = launch("runs", "list", "demo");
        assertEquals(2, result.exitCode(), result.errorOutput());
        assertThat(result.errorOutput(), containsString("expected entity/project, got demo"));
        assertThat(result.errorOutput(), not(containsString("Exception")));
    }

    @Test
    void malformedFilterIsAUsageError() {
        CommandResult result = launch("runs", "list", "demo/vision", "--filter", "{state");
        assertEquals(2, result.exitCode(), result.errorOutput());
        assertThat(result.errorOutput(), startsWith("launchpilot: --filter is not valid JSON"));
    }

    @Test
    void limitOutOfRangeIsAUsageError() {
        CommandResult result = launch("runs", "list", "demo/vision", "--limit", "0");
        assertEquals(2, result.exitCode(), result.errorOutput());
        assertThat(result.errorOutput(), containsString("--limit must be 1 to"));
    }

    @Test
    void unknownOutputFormatIsAUsageError() {
        CommandResult result = launch("runs", "list", "demo/vision", "--output", "xml");
        assertEquals(2, result.exitCode(), result.errorOutput());
        assertThat(result.errorOutput(), containsString("table, json, yaml"));
    }

    @Test
    void sweepsListAndGet() throws Exception {
        CommandResult list = launch("sweeps", "list", "demo/vision", "-o", "json");
        assertEquals(0, list.exitCode(), list.errorOutput());
        JsonNode sweeps = JSON.readTree(list.output());
        JsonNode sweep = sweeps.get(0);
        String path = "demo/vision/" + sweep.get("ref").get("name").asText();

        CommandResult get = launch("sweeps", "get", path);
        assertEquals(0, get.exitCode(), get.errorOutput());
        assertThat(get.output(), containsString("PATH"));
        assertThat(get.output(), containsString(path));
        assertThat(get.output(), containsString(sweep.get("method").asText()));
    }

    @Test
    void unknownSweepIsAFailure() {
        CommandResult result = launch("sweeps", "get", "demo/vision/nosuchsweep");
        assertEquals(1, result.exitCode(), result.errorOutput());
        assertEquals(List.of("launchpilot: sweep demo/vision/nosuchsweep not found"), result.errorLines());
    }

    @Test
    void unknownCommandIsAUsageError() {
        CommandResult result = launch("frobnicate");
        assertEquals(2, result.exitCode(), result.errorOutput());
        assertThat(result.errorOutput(), containsString("Unmatched argument"));
    }
}
