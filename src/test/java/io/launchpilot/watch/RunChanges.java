package io.launchpilot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.launchpilot.PackagedJar;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Runs in a sandbox process that the {@code *IT} tests change at random (summary steps that only go
 * up, and a final state now and then), remembering what they wrote, so that the ledger a watcher
 * leaves can be checked: every change reported once, in order, and the last of each run in it.
 */
final class RunChanges {

    private final PackagedJar jar;
    private final String sandbox;
    private final String entity;
    private final Random random = new Random(42);
    private final Map<String, String> projects = new LinkedHashMap<>();
    private final Map<String, Integer> steps = new HashMap<>();
    private final Map<String, String> finalStates = new HashMap<>();

    RunChanges(PackagedJar jar, String sandbox, String entity) {
        this.jar = jar;
        this.sandbox = sandbox;
        this.entity = entity;
    }

    /** Creates {@code perProject} running runs in each project. */
    void create(List<String> projectNames, int perProject) throws IOException, InterruptedException {
        for (String project : projectNames) {
            for (int i = 0; i < perProject; i++) {
                String name = jar.send("POST", sandbox + "/sandbox/api/runs", Map.of("entity", entity, "project", project,
                        "state", "running", "summary", Map.of("step", 0))).get("name").asText();
                projects.put(name, project);
            }
        }
    }

    /** Moves the step of {@code count} random runs on, pausing up to {@code maxPauseMs} after each. */
    void step(int count, int maxPauseMs) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>(projects.keySet());
        for (int change = 0; change < count; change++) {
            String name = names.get(random.nextInt(names.size()));
            int step = steps.merge(name, 1, Integer::sum);
            patch(name, Map.of("summary", Map.of("step", step)));
            Thread.sleep(random.nextInt(maxPauseMs));
        }
    }

    /** Ends a random run as finished or failed. */
    void end() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>(projects.keySet());
        String name = names.get(random.nextInt(names.size()));
        String state = random.nextBoolean() ? "finished" : "failed";
        patch(name, Map.of("state", state));
        finalStates.put(name, state);
    }

    int randomPause(int maxMs) {
        return random.nextInt(maxMs);
    }

    private void patch(String name, Map<String, Object> change) throws IOException, InterruptedException {
        jar.send("PATCH", sandbox + "/sandbox/api/runs/" + entity + "/" + projects.get(name) + "/" + name, change);
    }

    /**
     * Checks the ledger: no change twice, state changes chained (each {@code from} the previous
     * {@code to}), steps going forward, and the last step and state of every run recorded.
     */
    void assertReportedOnceEach(List<JsonNode> events) {
        assertTrue(events.size() > 10, "events: " + events.size());
        Set<String> seen = new HashSet<>();
        Map<String, String> states = new HashMap<>();
        Map<String, Integer> lastStep = new HashMap<>();
        for (JsonNode event : events) {
            JsonNode payload = event.get("payload");
            String name = payload.get("run").asText();
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
        for (String name : projects.keySet()) {
            assertEquals(steps.getOrDefault(name, 0), lastStep.getOrDefault(name, 0), "last step of " + name);
            assertEquals(finalStates.getOrDefault(name, "running"), states.getOrDefault(name, "running"),
                    "last state of " + name);
        }
    }
}
