package io.launchpilot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code policies validate|list|test} through the real command tree: output and exit codes. */
@QuarkusTest
class PoliciesCommandsTest {

    @Inject
    CommandLine.IFactory factory;

    @TempDir
    Path directory;

    private CommandResult launch(String... args) {
        return CommandResult.run(LaunchpilotApplication.commandLine(factory), args);
    }

    @Test
    void validateWithoutADirectoryReadsTheExamplePolicies() {
        CommandResult result = launch("policies", "validate");
        assertEquals(0, result.exitCode(), result.errorOutput());
        assertEquals(List.of("2 policies valid in config/policies"), result.outputLines());
    }

    @Test
    void validatePrintsEveryProblemWithItsPositionAndExitsTwo() throws Exception {
        Files.writeString(directory.resolve("bad.yaml"), """
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: bad }
                spec:
                  on: [ { event: run.state_changed } ]
                  do:
                    - tagRn: { add: [x] }
                    - log: { message: "${run.nothing}" }
                """);
        CommandResult result = launch("policies", "validate", directory.toString());
        assertEquals(2, result.exitCode());
        String file = directory.resolve("bad.yaml").toString();
        assertEquals(List.of(file + ":7:7: unknown action \"tagRn\"; did you mean tagRun?",
                file + ":8:24: unknown reference ${run.nothing}: run has config, createdAt, displayName, entity, group,"
                        + " heartbeatAt, id, jobType, name, path, project, state, summary, sweep, tags"),
                result.errorLines());
        assertEquals("", result.output());
    }

    @Test
    void listShowsThePolicies() {
        CommandResult result = launch("policies", "list", "-o", "json");
        assertEquals(0, result.exitCode(), result.errorOutput());
        assertTrue(result.output().contains("\"name\" : \"promote-sweep-winner\""), result.output());
        assertTrue(result.output().contains("\"mode\" : \"audit\""), result.output());
    }

    @Test
    void testRunsTheFixtureAndChecksItsExpectations() throws Exception {
        CommandResult result = launch("policies", "test", "config/policies", "--fixture",
                "config/policies-tests/promote-sweep-winner.yaml", "-o", "json");
        assertEquals(0, result.exitCode(), result.errorOutput());
        assertTrue(result.output().contains("\"outcome\" : \"fire\""), result.output());
        assertTrue(result.output().contains("\"outcome\" : \"cooldown\""), result.output());
        assertTrue(result.output().contains("\"run\" : \"demo/vision/r-best\""), result.output());
        assertTrue(result.output().contains("\"lr\" : 0.004"), "a whole-string reference keeps its type: "
                + result.output());

        Path wrong = directory.resolve("wrong.yaml");
        Files.writeString(wrong, Files.readString(Path.of("config/policies-tests/promote-sweep-winner.yaml"))
                .replace("subject: demo/vision/s1 }", "subject: demo/vision/s2 }"));
        CommandResult mismatch = launch("policies", "test", "config/policies", "--fixture", wrong.toString());
        assertEquals(1, mismatch.exitCode());
        assertEquals(List.of("expected but not fired: promote-sweep-winner on demo/vision/s2",
                "fired but not expected: promote-sweep-winner on demo/vision/s1"), mismatch.errorLines());

        Files.writeString(wrong, "events: []\n");
        assertEquals(2, launch("policies", "test", "config/policies", "--fixture", wrong.toString()).exitCode());
    }
}
