package io.launchpilot.cli.events;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.cli.LaunchpilotApplication;
import io.launchpilot.store.NewEvent;
import io.launchpilot.store.Store;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code events tail} through the real command tree, against the REST API of this test application
 * (as the command would reach a running {@code serve}).
 */
@QuarkusTest
class EventsTailCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CommandLine.IFactory factory;

    @Inject
    Store store;

    @TestHTTPResource("/")
    URL server;

    String prefix;

    record Result(int exitCode, String output, String errors) {
    }

    @BeforeEach
    void prefix() {
        prefix = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Result launch(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = LaunchpilotApplication.commandLine(factory);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    void append(String type, String run, String from, String to) {
        store.transaction(tx -> tx.append(List.of(new NewEvent(type, prefix + "/vision/" + run, "watch",
                JSON.createObjectNode().put("run", run).put("from", from).put("to", to))), Instant.now()));
    }

    String url() {
        return server.toString();
    }

    @Test
    void printsTheNewestEventsAsATable() {
        append("run.created", "r1", null, null);
        append("run.state_changed", "r1", "running", "finished");
        append("run.state_changed", "r2", "running", "crashed");

        Result result = launch("events", "tail", "--url", url(), "--subject", prefix + "/*", "-n", "2", "--no-follow");
        assertEquals(0, result.exitCode(), result.errors());
        List<String> lines = result.output().lines().toList();
        assertEquals(3, lines.size(), result.output());
        assertThat(lines.get(0), startsWith("ID"));
        assertThat(lines.get(1), containsString(prefix + "/vision/r1"));
        assertThat(lines.get(1), containsString("running -> finished"));
        assertThat(lines.get(2), containsString("running -> crashed"));
    }

    @Test
    void followsNewEventsOfOneTypeAsJsonLines() throws Exception {
        append("run.state_changed", "old", "running", "finished");
        CompletableFuture<Result> tail = CompletableFuture.supplyAsync(() -> launch("events", "tail", "--url", url(),
                "--subject", prefix + "/*", "--type", "run.state_changed", "-n", "0", "--count", "2", "-o", "json"));
        // the tail follows from whatever is newest when it connects, and how long that takes depends on
        // the machine: keep recording until it has printed two events, rather than guessing a delay
        for (int i = 0; !tail.isDone() && i < 120; i++) {
            append("run.created", "new" + i, null, null);
            append("run.state_changed", "new" + i, "pending", "running");
            Thread.sleep(250);
        }

        Result result = tail.get(30, TimeUnit.SECONDS);
        assertEquals(0, result.exitCode(), result.errors());
        List<JsonNode> printed = new ArrayList<>();
        for (String line : result.output().lines().toList()) {
            printed.add(JSON.readTree(line));
        }
        assertEquals(2, printed.size(), result.output());
        for (JsonNode event : printed) {
            assertEquals("run.state_changed", event.get("type").asText());
            assertThat(event.get("subject").asText(), startsWith(prefix + "/vision/new"));
            assertEquals("running", event.get("payload").get("to").asText());
        }
    }

    @Test
    void aServerThatIsNotThereIsAFailureInOneLine() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Result result = launch("events", "tail", "--url", "http://127.0.0.1:" + port, "--no-follow");
        assertEquals(1, result.exitCode(), result.errors());
        assertEquals(List.of("launchpilot: cannot reach Launchpilot at http://127.0.0.1:" + port
                + " (is `launchpilot serve` running?)"), result.errors().lines().toList());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, launch("events", "tail", "--lines", "-1").exitCode());
        assertEquals(2, launch("events", "tail", "--count", "0").exitCode());
        Result result = launch("events", "tail", "--url", "ftp://x");
        assertEquals(2, result.exitCode());
        assertThat(result.errors(), containsString("--url must be an http(s) URL"));
    }
}
