package io.launchpilot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.PackagedJar;
import io.launchpilot.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills {@code launchpilot serve} (the packaged jar, SIGKILL) at random moments while runs change
 * under it, restarts it each time, and checks the ledger it leaves: every change it reports is
 * reported once, state changes chain (each {@code from} is the previous {@code to}), and the last
 * state and summary of every run are in it. On the embedded H2 file and on PostgreSQL.
 *
 * <p>Needs the packaged application; runs in {@code ./mvnw verify} after {@code package}.
 */
class WatchCrashIT {

    static final ObjectMapper JSON = PackagedJar.JSON;
    static final String ENTITY = "crash";
    static final String KEY = "x".repeat(40);

    final Random random = new Random(42);
    PackagedJar app;
    Path workdir;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void killedMidPollItReportsEveryChangeOnce(String database) throws Exception {
        workdir = Files.createTempDirectory("lp-crash-");
        app = new PackagedJar(workdir);
        String storeUrl = database.equals("h2") ? "jdbc:h2:file:" + workdir.resolve("ledger") : TestDatabases.postgresUrl();
        int sandboxPort = PackagedJar.freePort();
        app.start("sandbox", List.of("-Dquarkus.http.port=" + sandboxPort, "-Dlaunchpilot.sandbox.simulator.enabled=false"),
                Map.of());
        String sandbox = "http://127.0.0.1:" + sandboxPort;
        PackagedJar.await(() -> app.get(sandbox + "/sandbox/api/stats") != null, "the sandbox");

        List<String> projects = List.of("a", "b", "c");
        Map<String, String> runs = new LinkedHashMap<>();
        for (String project : projects) {
            for (int i = 0; i < 4; i++) {
                String name = app.send("POST", sandbox + "/sandbox/api/runs", Map.of("entity", ENTITY, "project", project,
                        "state", "running", "summary", Map.of("step", 0))).get("name").asText();
                runs.put(name, project);
            }
        }

        int servePort = PackagedJar.freePort();
        List<String> serveProperties = new ArrayList<>(List.of("-Dquarkus.http.port=" + servePort,
                "-Dlaunchpilot.watch.interval=1s", "-Dquarkus.datasource.jdbc.url=" + storeUrl,
                "-Dquarkus.datasource.username=postgres"));
        for (int i = 0; i < projects.size(); i++) {
            serveProperties.add("-Dlaunchpilot.watch.scopes[" + i + "].entity=" + ENTITY);
            serveProperties.add("-Dlaunchpilot.watch.scopes[" + i + "].project=" + projects.get(i));
        }
        Map<String, String> env = Map.of("WANDB_BASE_URL", sandbox + "/sandbox", "WANDB_API_KEY", KEY);
        String serve = "http://127.0.0.1:" + servePort;

        Process server = app.start("serve", serveProperties, env);
        PackagedJar.await(() -> app.get(serve + "/q/health/ready") != null, "serve");
        Thread.sleep(3000);
        Map<String, Integer> steps = new HashMap<>();
        Map<String, String> finalStates = new HashMap<>();
        List<String> names = new ArrayList<>(runs.keySet());
        for (int kill = 0; kill < 8; kill++) {
            for (int change = 0; change < 6; change++) {
                String name = names.get(random.nextInt(names.size()));
                int step = steps.merge(name, 1, Integer::sum);
                app.send("PATCH", sandbox + "/sandbox/api/runs/" + ENTITY + "/" + runs.get(name) + "/" + name,
                        Map.of("summary", Map.of("step", step)));
                Thread.sleep(random.nextInt(250));
            }
            if (kill % 3 == 2) {
                String name = names.get(random.nextInt(names.size()));
                String state = random.nextBoolean() ? "finished" : "failed";
                app.send("PATCH", sandbox + "/sandbox/api/runs/" + ENTITY + "/" + runs.get(name) + "/" + name,
                        Map.of("state", state));
                finalStates.put(name, state);
            }
            Thread.sleep(random.nextInt(1500));
            server.destroyForcibly().waitFor();
            server = app.start("serve", serveProperties, env);
            PackagedJar.await(() -> app.get(serve + "/q/health/ready") != null, "serve after a kill");
        }
        Thread.sleep(5000);

        List<JsonNode> events = new ArrayList<>();
        String after = "0";
        while (after != null) {
            JsonNode page = app.get(serve + "/api/v1/events?limit=1000&after=" + after);
            page.get("items").forEach(events::add);
            after = page.get("next").isNull() ? null : page.get("next").asText();
        }
        assertTrue(events.size() > 10, "events: " + events.size());
        Set<String> seen = new HashSet<>();
        Map<String, String> states = new HashMap<>();
        Map<String, Integer> lastStep = new HashMap<>();
        for (JsonNode event : events) {
            String name = event.get("payload").get("run").asText();
            JsonNode payload = event.get("payload");
            String change = event.get("type").asText() + " " + name + " "
                    + (payload.has("to") ? payload.get("to").asText() : payload.get("values").toString());
            assertTrue(seen.add(change), "reported twice: " + change);
            if (event.get("type").asText().equals("run.state_changed")) {
                assertEquals(states.getOrDefault(name, "running"), payload.get("from").asText(), change);
                states.put(name, payload.get("to").asText());
            } else if (payload.get("values").has("step")) {
                int step = payload.get("values").get("step").asInt();
                assertTrue(step > lastStep.getOrDefault(name, 0), "steps go forward: " + change);
                lastStep.put(name, step);
            }
        }
        for (String name : names) {
            assertEquals(steps.getOrDefault(name, 0), lastStep.getOrDefault(name, 0), "last step of " + name);
            assertEquals(finalStates.getOrDefault(name, "running"), states.getOrDefault(name, "running"),
                    "last state of " + name);
        }
    }

}
