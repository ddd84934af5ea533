package io.launchpilot.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as agents and containers start it: {@code launchpilot mcp} speaking JSON-RPC frames on its stdin and
 * stdout with nothing else on stdout, and {@code serve} (which has the stdio extension in it too) running on when its
 * stdin closes, with one-shot commands beside it unaffected.
 */
class McpStdioIT {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration START = Duration.ofMinutes(3);

    @Test
    void mcpSpeaksFramesOnStdoutAndEndsWhenStdinCloses() throws Exception {
        Path err = Files.createTempFile("mcp-stdio", ".err"); // the logs
        Process mcp = new ProcessBuilder(List.of("java", "-jar", JAR.toString(), "mcp"))
                .redirectError(err.toFile()).start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(mcp.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("READ FAILED: " + e);
            }
        });
        reader.start();
        try {
            OutputStream in = mcp.getOutputStream();
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"McpStdioIT\",\"version\":\"1\"}}}");
            JsonNode init = response(lines, 1);
            assertEquals("launchpilot", init.path("result").path("serverInfo").path("name").asText(), init.toString());
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            Set<String> names = new TreeSet<>();
            response(lines, 2).path("result").path("tools").forEach(tool -> names.add(tool.path("name").asText()));
            Set<String> expected = new TreeSet<>(McpToolsTest.READ_TOOLS);
            expected.addAll(McpToolsTest.WRITE_TOOLS);
            assertEquals(expected, names);

            send(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"validate_policy\","
                    + "\"arguments\":{\"policy\":\"apiVersion: launchpilot/v1\\nkind: Policy\\nmetadata: {name: p}\\n"
                    + "spec:\\n  on: [{event: run.created}]\\n  do: [{log: {message: hi}}]\\n\"}}}");
            JsonNode call = response(lines, 3).path("result");
            assertFalse(call.path("isError").asBoolean(), call.toString());
            assertEquals("p", call.path("structuredContent").path("policies").path(0).path("name").asText());

            send(in, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"list_events\",\"arguments\":{}}}");
            JsonNode events = response(lines, 4).path("result");
            assertTrue(events.path("isError").asBoolean(), "the ledger belongs to serve: a tool error, " + events);

            in.close();
            assertTrue(mcp.waitFor(60, TimeUnit.SECONDS), "mcp ends when the agent closes its stdin");
            assertEquals(0, mcp.exitValue());
            reader.join(10_000);
        } finally {
            mcp.destroyForcibly();
        }
        assertEquals(4, lines.size(), "stdout holds the four answers and nothing else: " + lines);
        for (String line : lines) {
            assertEquals("2.0", JSON.readTree(line).path("jsonrpc").asText(), "a JSON-RPC frame: " + line);
        }
    }

    @Test
    void serveRunsOnWhenItsStdinClosesAndOneShotCommandsStillWork() throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("mcp-serve", ".log");
        Process serve = new ProcessBuilder(List.of("java", "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:mem:mcpit;DB_CLOSE_DELAY=-1", "-jar", JAR.toString(), "serve"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            serve.getOutputStream().close();
            String base = "http://127.0.0.1:" + port;
            long deadline = System.nanoTime() + START.toNanos();
            while (status(base + "/q/health/ready") != 200) {
                assertTrue(serve.isAlive(), "serve stopped: " + Files.readString(log));
                assertTrue(System.nanoTime() < deadline, "serve did not become ready: " + Files.readString(log));
                Thread.sleep(500);
            }
            HttpResponse<String> init = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/mcp"))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                            + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                            + "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, init.statusCode(), init.body());
            assertNotNull(init.headers().firstValue("Mcp-Session-Id").orElse(null));
            assertTrue(serve.isAlive(), "serve runs on with its stdin closed");

            Process runs = new ProcessBuilder(List.of("java", "-Dquarkus.http.port=" + port, "-jar", JAR.toString(),
                    "runs", "list", "demo/vision", "--limit", "1", "-o", "json")).redirectErrorStream(false).start();
            runs.getOutputStream().close();
            String out = new String(runs.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(runs.waitFor(2, TimeUnit.MINUTES));
            assertEquals(0, runs.exitValue(), out);
            assertEquals(1, JSON.readTree(out).size(), "a one-shot command prints its result on stdout: " + out);
            assertTrue(serve.isAlive());
        } finally {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
            serve.destroyForcibly();
        }
    }

    private static void send(OutputStream in, String frame) throws IOException {
        in.write((frame + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** The response with this id, waiting for the (slow to start) process to answer. */
    private static JsonNode response(List<String> lines, int id) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (lines) {
                for (String line : lines) {
                    JsonNode frame = JSON.readTree(line);
                    if (frame.path("id").asInt(-1) == id) {
                        return frame;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no response " + id + " in " + lines);
    }

    private static int status(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
