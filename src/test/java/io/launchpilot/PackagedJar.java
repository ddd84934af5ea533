package io.launchpilot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The packaged application as the crash tests drive it: {@code launchpilot} processes started from
 * {@code target/quarkus-app}, each logging to {@code <workdir>/<command>.log}, and plain HTTP with JSON.
 * Closing it kills every process it started.
 */
public final class PackagedJar implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Path workdir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();

    public PackagedJar(Path workdir) {
        this.workdir = workdir;
    }

    /** Starts {@code launchpilot <command>} with system properties and environment variables. */
    public Process start(String command, List<String> properties, Map<String, String> env) throws IOException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        line.addAll(properties);
        line.addAll(List.of("-jar", JAR.toString(), command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workdir.resolve(command + ".log").toFile()));
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
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code body} as JSON; fails the test unless the answer is 2xx. */
    public JsonNode send(String method, String url, Object body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, method + " " + url + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** Waits up to two minutes for {@code condition}. */
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
