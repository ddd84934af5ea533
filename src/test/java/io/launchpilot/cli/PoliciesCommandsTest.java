package io.launchpilot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

    /** Writes {@code policy.yaml} and {@code fixture.yaml} into the test's folder and runs {@code policies test} on them. */
    private CommandResult test(String policy, String fixture, String... options) throws IOException {
        Files.writeString(directory.resolve("policy.yaml"), policy);
        Files.writeString(directory.resolve("fixture.yaml"), fixture);
        return launch(Stream.concat(Stream.of("policies", "test", directory.resolve("policy.yaml").toString(),
                "--fixture", directory.resolve("fixture.yaml").toString()), Stream.of(options)).toArray(String[]::new));
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

    }

    @Test
    void testFiresTheSchedulesOfATickAsTheEngineDecidesThem() {
        CommandResult result = launch("policies", "test", "config/policies", "--fixture",
                "config/policies-tests/nightly-candidates.yaml", "-o", "json");
        assertEquals(0, result.exitCode(), result.errorOutput());
        // one firing: the 02:00 Berlin tick on the only run of the scope that matches when; none at 03:00
        List<String> keys = result.outputLines().stream().filter(line -> line.contains("\"key\" :"))
                .map(String::strip).toList();
        assertEquals(1, keys.size(), result.output());
        assertTrue(keys.get(0).startsWith("\"key\" : \"nightly-candidates@t1767315600-"), result.output());
        assertTrue(result.output().contains("\"subject\" : \"demo/vision/r-good\""), result.output());
        assertTrue(result.output().contains("\"tick\" : 0,"), result.output());
        assertTrue(result.output().contains("\"outcome\" : \"audit\""), result.output());
        assertTrue(result.output().contains("\"message\" : \"demo/vision/r-good reached 0.93 (tick 2026-01-02T01:00:00Z)\""),
                result.output());
    }

    @Test
    void testTakesTicksWithoutAScopeOncePerMinuteOfTheCronWithLimits() throws Exception {
        CommandResult result = test("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: hourly }
                spec:
                  on: [ { schedule: { cron: "0 * * * *" } } ]
                  do: [ { log: { message: "tick ${schedule.time}" } } ]
                  limits: { cooldown: 90m }
                """, """
                ticks:
                  - { at: "2026-01-02T01:00:00Z" }
                  - { at: "2026-01-02T01:30:00Z" }
                  - { at: "2026-01-02T02:00:00Z" }
                  - { at: "2026-01-02T03:00:00Z", policy: hourly }
                """);
        assertEquals(0, result.exitCode(), result.errorOutput());
        // 01:30 is no tick of the cron; 02:00 comes within the cooldown of 01:00
        assertEquals(List.of(
                "EVENT  TICK  POLICY  SUBJECT             OUTCOME   ACTIONS",
                "-      0     hourly  schedule:0 * * * *  fire      log {\"message\":\"tick 2026-01-02T01:00:00Z\",\"level\":\"info\"}",
                "-      2     hourly  schedule:0 * * * *  cooldown  log {\"message\":\"tick 2026-01-02T02:00:00Z\",\"level\":\"info\"}",
                "-      3     hourly  schedule:0 * * * *  fire      log {\"message\":\"tick 2026-01-02T03:00:00Z\",\"level\":\"info\"}"),
                result.outputLines());
    }

    @Test
    void testInterleavesEventsAndTicksByTimeWithAnEventFirstAtTheSameInstant() throws Exception {
        CommandResult result = test("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: either }
                spec:
                  on:
                    - { event: run.created }
                    - { schedule: { cron: "0 * * * *" } }
                  do: [ { log: { message: either } } ]
                  limits: { cooldown: 30m }
                """, """
                runs: [ { path: acme/vision/r1 }, { path: acme/vision/r2 } ]
                events:
                  - { type: run.created, subject: acme/vision/r1, at: "2026-01-02T00:40:00Z" }
                  - { type: run.created, subject: acme/vision/r2, at: "2026-01-02T02:00:00Z" }
                ticks:
                  - { at: "2026-01-02T01:00:00Z" }
                  - { at: "2026-01-02T02:00:00Z" }
                """, "-o", "json");
        assertEquals(0, result.exitCode(), result.errorOutput());
        List<String> order = result.outputLines().stream().map(String::strip)
                .filter(line -> line.startsWith("\"subject\" :") || line.startsWith("\"outcome\" :")).toList();
        // 00:40 event fires; the 01:00 tick is within its cooldown; the 02:00 event fires, then its tick waits
        assertEquals(List.of(
                "\"subject\" : \"acme/vision/r1\",", "\"outcome\" : \"fire\",",
                "\"subject\" : \"schedule:0 * * * *\",", "\"outcome\" : \"cooldown\",",
                "\"subject\" : \"acme/vision/r2\",", "\"outcome\" : \"fire\",",
                "\"subject\" : \"schedule:0 * * * *\",", "\"outcome\" : \"cooldown\","), order, result.output());
    }

    static Stream<Arguments> badFixtures() {
        return Stream.of(
                Arguments.of("", List.of("1:1: the fixture is empty: it needs events or ticks")),
                Arguments.of("events: [ { type: run.created\n", List.of(
                        "2:1: not valid YAML: expected ',' or '}', but got <stream end>")),
                Arguments.of("- { type: run.created }\n", List.of("1:1: the fixture must be a mapping with events or"
                        + " ticks, and optionally runs, sweeps and expect, got a list")),
                Arguments.of("events: []\n", List.of("1:9: the fixture has no events or ticks: it needs at least one")),
                Arguments.of("""
                        events:
                          - { type: run.created, subject: a/b/r1, at: "2026-01-02T02:00:00Z" }
                          - { type: run.created, subject: a/b/r2, at: "2026-01-02T01:00:00Z" }
                          - { type: run.created, subject: a/b/r3 }
                        ticks:
                          - { at: "2026-01-02T02:00:00Z" }
                          - { at: "2026-01-02T01:00:00Z" }
                        """, List.of(
                        "3:5: events[].at must not be before the one above it (2026-01-02T02:00:00Z), got 2026-01-02T01:00:00Z",
                        "7:5: ticks[].at must not be before the one above it (2026-01-02T02:00:00Z), got 2026-01-02T01:00:00Z")),
                Arguments.of("runs: []\n", List.of("1:1: the fixture has no events or ticks: it needs at least one")),
                Arguments.of("""
                        ticks:
                          - { at: "2026-01-02T01:00:30Z" }
                          - { polcy: nightly-candidates }
                          - { at: 2026-01-02, policy: [nightly-candidates] }
                        """, List.of(
                        "2:11: ticks[].at must be a whole minute (cron ticks are), got 2026-01-02T01:00:30Z",
                        "3:5: ticks[].at is required",
                        "3:7: unknown key \"polcy\" in a tick; did you mean policy?",
                        "4:11: ticks[].at must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, got \"2026-01-02\"",
                        "4:31: ticks[].policy must be text, got a list")),
                Arguments.of("ticks: [ { at: \"2026-01-02T01:00:00Z\", policy: promote-sweep-winner } ]\n", List.of(
                        "1:10: ticks[].policy: no policy promote-sweep-winner with a schedule trigger among the policies"
                        + " tested")),
                Arguments.of("events: { type: run.created }\n", List.of(
                        "1:9: events must be a list, got a mapping")),
                Arguments.of("""
                        runs:
                          - { path: demo/vision, state: finished, summary: 0.9 }
                          - { state: finished, tags: [a, [b]] }
                          - promoted
                        sweeps:
                          - { path: demo/vision/s1, stat: FINISHED }
                        events:
                          - { type: run.state_changed, subject: demo/vision/r1, at: yesterday, paylod: { to: finished } }
                          - { subject: demo/vision/r1, payload: [to, finished] }
                        expect:
                          - { policy: promote }
                        extra: 1
                        """, List.of(
                        "2:13: runs[].path: expected entity/project/run, got demo/vision",
                        "2:52: runs[].summary must be a mapping, got \"0.9\"",
                        "3:5: runs[].path is required",
                        "3:34: runs[].tags must be a list of text, got a list",
                        "4:5: each of runs must be a mapping, got \"promoted\"",
                        "6:29: unknown key \"stat\" in a sweep; did you mean state?",
                        "8:61: events[].at must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, got \"yesterday\"",
                        "8:72: unknown key \"paylod\" in an event; did you mean payload?",
                        "9:5: events[].type is required",
                        "9:41: events[].payload must be a mapping, got a list",
                        "11:5: expect[].subject is required",
                        "12:1: unknown key \"extra\" in the fixture; expected runs, sweeps, events, ticks, expect")));
    }

    @ParameterizedTest
    @MethodSource("badFixtures")
    void testPrintsEveryProblemOfTheFixtureWithItsPositionAndExitsTwo(String fixture, List<String> problems)
            throws Exception {
        Path file = directory.resolve("bad-fixture.yaml");
        Files.writeString(file, fixture);
        CommandResult result = launch("policies", "test", "config/policies", "--fixture", file.toString());
        assertEquals(2, result.exitCode(), result.errorOutput());
        assertEquals(problems.stream().map(problem -> file + ":" + problem).toList(), result.errorLines());
        assertEquals("", result.output());
    }

    @Test
    void testPrintsTheProblemsOfThePoliciesAndOfTheFixtureTogether() throws Exception {
        CommandResult result = test("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: bad }
                spec:
                  on: [ { event: run.state_changed } ]
                  do: [ { tagRn: { add: [x] } } ]
                """, "events:\n  - { type: run.created, subjet: demo/vision/r1 }\n");
        Path policy = directory.resolve("policy.yaml");
        Path fixture = directory.resolve("fixture.yaml");
        assertEquals(2, result.exitCode());
        assertEquals(List.of(policy + ":6:11: unknown action \"tagRn\"; did you mean tagRun?",
                fixture + ":2:5: events[].subject is required",
                fixture + ":2:26: unknown key \"subjet\" in an event; did you mean subject?"), result.errorLines());
    }
}
