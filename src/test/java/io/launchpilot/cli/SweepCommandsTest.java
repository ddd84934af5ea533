package io.launchpilot.cli;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code sweeps pause|resume|stop|cancel} and {@code sweeps get} with the best run, against the sandbox. */
@QuarkusTest
class SweepCommandsTest {

    @Inject
    CommandLine.IFactory factory;

    CommandResult launch(String... args) {
        return CommandResult.run(LaunchpilotApplication.commandLine(factory), args);
    }

    @Test
    void aSweepIsPausedResumedAndStoppedAndShowsItsBestRun() throws Exception {
        String project = "cli-sweeps" + System.nanoTime();
        String sweep = given().contentType(ContentType.JSON).body(Map.of("entity", "cli-sweeps", "project", project,
                "config", "method: random\nmetric: {name: acc, goal: maximize}\nparameters: {lr: {values: [1, 2]}}\n"))
                .post("/sandbox/api/sweeps").then().statusCode(201).extract().path("name");
        String best = given().contentType(ContentType.JSON).body(Map.of("entity", "cli-sweeps", "project", project,
                "sweep", sweep, "state", "finished", "summary", Map.of("acc", 0.9)))
                .post("/sandbox/api/runs").then().statusCode(201).extract().path("name");
        String path = "cli-sweeps/" + project + "/" + sweep;

        CommandResult get = launch("sweeps", "get", path);
        assertEquals(0, get.exitCode(), get.errorOutput());
        assertThat(get.output(), containsString(best + " (acc = 0.9, maximize)"));

        CommandResult paused = launch("sweeps", "pause", path, "-o", "json");
        assertEquals(0, paused.exitCode(), paused.errorOutput());
        assertEquals("PAUSED", new ObjectMapper().readTree(paused.output()).get("state").asText());
        assertEquals(0, launch("sweeps", "resume", path).exitCode());
        CommandResult stopped = launch("sweeps", "stop", path);
        assertEquals(0, stopped.exitCode(), stopped.errorOutput());
        assertThat(stopped.output(), containsString("FINISHED"));

        CommandResult again = launch("sweeps", "pause", path);
        assertEquals(1, again.exitCode());
        assertEquals(List.of("launchpilot: cannot pause sweep " + path + ": it is finished"), again.errorLines());
        assertEquals(1, launch("sweeps", "cancel", path).exitCode(), "a finished sweep cannot be cancelled");
    }
}
