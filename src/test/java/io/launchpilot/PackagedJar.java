package io.launchpilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs the packaged application ({@code target/quarkus-app/quarkus-run.jar}) as separate processes for
 * the {@code *IT} tests that kill them, and talks JSON to them over HTTP.
 */
public final class PackagedJar implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();
    private final Path workdir;

    /** @param workdir where each command's output goes, as {@code <name>.log} */
    public PackagedJar(Path workdir) {
        this.workdir = workdir;
    }

    /** Starts {@code launchpilot <command>} with JVM properties and environment; output to {@code <log>.log}. */
    public Process start(String command, String log, List<String> properties, Map<String, String> env)
            throws IOException {
        return start(command, properties, env, workdir.resolve(log + ".log"), workdir.resolve(log + ".log"));
    }

    /** As {@link #start(String, String, List, Map)}, with standard output and error in files of their own. */
    public Process start(String command, List<String> properties, Map<String, String> env, Path stdout, Path stderr)
            throws IOException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        line.addAll(properties);
        line.addAll(List.of("-jar", JAR.toString(), command));
        // started in the work folder, so the repository's config/ (quick-start settings, example queues and
        // policies) never leaks into a test
        ProcessBuilder builder = new ProcessBuilder(line).directory(workdir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    public HttpClient http() {
        return http;
    }

    /** The JSON body of a 200 answer, or null for any other answer or none. */
    public JsonNode get(String url) {
        String body = text(url);
        try {
            return body == null ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The body of a 200 answer, or null for any other answer or none. */
    public String text(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET()
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a JSON body; fails the test unless the answer is 2xx. */
    public JsonNode send(String method, String url, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, method + " " + url + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** Sends a GraphQL query to a sandbox process as W&B's SDK would (basic auth with the key); fails unless 200. */
    public JsonNode graphql(String sandbox, String key, String query, Map<String, Object> variables)
            throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString(("api:" + key).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sandbox + "/sandbox/graphql"))
                .header("Content-Type", "application/json").header("Authorization", "Basic " + auth)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("query", query, "variables", variables)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** Every event of the ledger a serving process reads, oldest first. */
    public List<JsonNode> events(String serve) {
        List<JsonNode> events = new ArrayList<>();
        String after = "0";
        while (after != null) {
            JsonNode page = get(serve + "/api/v1/events?limit=1000&after=" + after);
            if (page == null) {
                throw new AssertionError("cannot read the ledger from " + serve);
            }
            page.get("items").forEach(events::add);
            after = page.get("next").isNull() ? null : page.get("next").asText();
        }
        return events;
    }

    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }
}
