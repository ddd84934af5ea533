package io.launchpilot.policy.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.queue.EnqueueRequest;
import io.launchpilot.store.ActionState;
import io.launchpilot.store.NewFiring;
import io.launchpilot.store.OutboxStore;
import io.launchpilot.store.Store;
import io.launchpilot.PackagedJar;
import io.launchpilot.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Kills {@code launchpilot serve} (the packaged jar) inside an action, between intent and effect and
 * between effect and result, for every action type whose effect can be looked up, restarts it, and checks
 * that each effect happened exactly once: the writes the sandbox (a separate process, W&B for serve)
 * received, and what W&B holds afterwards. On the embedded H2 file and on PostgreSQL.
 *
 * <p>Six firings (one action of each type) are written into the store, then {@code serve} starts with
 * {@code launchpilot.actions.crash-at=before-effect}: it leaves them between intent and effect and halts.
 * Six more are written, and a start with {@code after-effect} finishes the first six and leaves the new ones
 * between effect and result; a last start without the hook finishes them.
 */
class ActionCrashIT {

    static final ObjectMapper JSON = PackagedJar.JSON;
    static final String ENTITY = "crash";
    static final String PROJECT = "vision";
    static final String KEY = "x".repeat(40);
    static final List<String> POINTS = List.of("before-effect", "after-effect");

    PackagedJar app;
    Path workdir;
    String sandbox;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void killedInsideActionsEveryEffectHappensOnce(String database) throws Exception {
        workdir = Files.createTempDirectory("lp-action-crash-");
        app = new PackagedJar(workdir);
        String storeUrl;
        DataSource dataSource;
        if (database.equals("h2")) {
            storeUrl = "jdbc:h2:file:" + workdir.resolve("store").toAbsolutePath();
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(storeUrl);
            // serve connects as the configured user; an H2 file belongs to the user that made it
            h2.setUser("postgres");
            dataSource = h2;
        } else {
            storeUrl = TestDatabases.postgresUrl();
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setURL(storeUrl);
            postgres.setUser("postgres");
            dataSource = postgres;
        }
        int sandboxPort = PackagedJar.freePort();
        app.start("sandbox", "sandbox", List.of("-Dquarkus.http.port=" + sandboxPort, "-Dlaunchpilot.sandbox.simulator.enabled=false"),
                Map.of());
        sandbox = "http://127.0.0.1:" + sandboxPort;
        PackagedJar.await(() -> app.get(sandbox + "/sandbox/api/stats") != null, "the sandbox");

        OutboxStore outbox = new OutboxStore(new Store(TestDatabases.migrated(dataSource)));
        Map<String, String> runs = new LinkedHashMap<>();
        Map<String, String> sweeps = new LinkedHashMap<>();
        seedQueue("work");
        int actions = 6 * POINTS.size();

        int servePort = PackagedJar.freePort();
        List<String> serve = List.of("-Dquarkus.http.port=" + servePort, "-Dquarkus.datasource.jdbc.url=" + storeUrl,
                "-Dquarkus.datasource.username=postgres", "-Dlaunchpilot.config-dir=" + workdir,
                "-Dlaunchpilot.queues.reconcile-every=off", "-Dlaunchpilot.actions.min-backoff=100ms");
        Map<String, String> env = Map.of("WANDB_BASE_URL", sandbox + "/sandbox", "WANDB_API_KEY", KEY);
        for (String point : POINTS) {
            String tagged = run(List.of("old"));
            String updated = run(List.of());
            String logger = run(List.of());
            app.send("POST", sandbox + "/sandbox/api/artifacts", Map.of("entity", ENTITY, "project", PROJECT,
                    "run", logger, "type", "model", "name", "model-" + point, "aliases", List.of("latest")));
            String sweep = app.send("POST", sandbox + "/sandbox/api/sweeps", Map.of("entity", ENTITY, "project", PROJECT,
                    "config", "method: random\nparameters: {lr: {values: [0.1]}}\n", "state", "RUNNING"))
                    .get("name").asText();
            runs.put("tag-" + point, tagged);
            runs.put("update-" + point, updated);
            sweeps.put(point, sweep);
            // written while no serve runs (the H2 file has one user at a time)
            Instant now = Instant.now();
            fire(outbox, point, "tagRun", now, "{'run': '" + path(tagged) + "', 'add': ['promoted'], 'remove': ['old']}");
            fire(outbox, point, "updateRun", now, "{'run': '" + path(updated) + "', 'summary': {'promoted': true}}");
            fire(outbox, point, "linkArtifact", now, "{'from': {'run': '" + path(logger) + "', 'type': 'model'}, "
                    + "'to': '" + ENTITY + "/" + PROJECT + "/best-" + point + "', 'aliases': ['staging']}");
            fire(outbox, point, "enqueue", now, "{'queue': '" + ENTITY + "/work', 'image': 'python:3.12'}");
            fire(outbox, point, "setSweepState", now, "{'sweep': '" + ENTITY + "/" + PROJECT + "/" + sweep
                    + "', 'state': 'pause'}");
            fire(outbox, point, "applyQueue", now, "{'spec': {'apiVersion': 'launchpilot/v1', 'kind': 'RunQueue', "
                    + "'metadata': {'name': 'applied-" + point + "', 'entity': '" + ENTITY + "'}, "
                    + "'spec': {'resource': 'local-container', 'config': {'env': ['A=1']}}}}");

            List<String> crashing = new ArrayList<>(serve);
            crashing.add("-Dlaunchpilot.actions.crash-at=" + point);
            Process process = app.start("serve", "serve", crashing, env);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "serve halts in its actions (" + point + ")");
            assertEquals(137, process.exitValue(), "halted by the crash hook; see " + workdir.resolve("serve.log"));
        }
        app.start("serve", "serve", serve, env);
        String api = "http://127.0.0.1:" + servePort + "/api/v1/actions?limit=100&state=";
        PackagedJar.await(() -> {
            JsonNode done = app.get(api + "done");
            return done != null && done.get("items").size() == actions;
        }, "every action done");

        JsonNode done = app.get(api + "done");
        for (JsonNode action : done.get("items")) {
            assertEquals(2, action.get("attempts").asInt(), "started once before the kill and once after: " + action);
        }
        JsonNode stats = app.get(sandbox + "/sandbox/api/stats").get("operations");
        assertEquals(4, stats.path("UpsertBucket").asInt(), "two tagRun and two updateRun writes: " + stats);
        assertEquals(2, stats.path("LinkArtifact").asInt(), "two links: " + stats);
        assertEquals(2, stats.path("pushToRunQueueByName").asInt(), "two pushes: " + stats);
        assertEquals(2, stats.path("UpsertSweep").asInt(), "two sweep moves: " + stats);
        assertEquals(2, stats.path("UpsertRunQueue").asInt(), "two queues applied: " + stats);

        for (String point : POINTS) {
            assertEquals(List.of("promoted"), texts(runNode(runs.get("tag-" + point)).get("tags")));
            assertTrue(runNode(runs.get("update-" + point)).get("summaryMetrics").asText().contains("\"promoted\":true"));
            assertEquals("PAUSED", sweepState(sweeps.get(point)));
            assertEquals(1, markedItems(point), "one queue item for the " + point + " enqueue");
        }
    }

    private void fire(OutboxStore outbox, String point, String type, Instant at, String params) throws IOException {
        String key = point + "/" + type;
        ObjectNode json = (ObjectNode) JSON.readTree(params.replace('\'', '"'));
        assertEquals(List.of(key), outbox.record(List.of(new NewFiring(key, "crash-" + type, "event:run.state_changed",
                ENTITY + "/" + PROJECT, null, "enforce", at, List.of(new NewFiring.Action(type, json, ActionState.PENDING,
                at)))), at));
    }

    private String run(List<String> tags) throws Exception {
        return app.send("POST", sandbox + "/sandbox/api/runs", Map.of("entity", ENTITY, "project", PROJECT,
                "state", "finished", "tags", tags)).get("name").asText();
    }

    private static String path(String run) {
        return ENTITY + "/" + PROJECT + "/" + run;
    }

    /** A queue to enqueue on, made with GraphQL as any client would (the project first, as the SDK does). */
    private void seedQueue(String name) throws Exception {
        app.send("POST", sandbox + "/sandbox/api/runs", Map.of("entity", ENTITY, "project", "model-registry"));
        JsonNode answer = graphql("mutation SeedQueue($rc: JSONString!) { upsertRunQueue(input: {entityName: \""
                + ENTITY + "\", projectName: \"model-registry\", queueName: \"" + name + "\", resourceType: "
                + "\"local-container\", resourceConfig: $rc}) { success } }",
                Map.of("rc", "{\"resource_args\": {\"local-container\": {}}}"));
        assertTrue(answer.path("data").path("upsertRunQueue").path("success").asBoolean(), answer.toString());
    }

    private JsonNode runNode(String run) throws Exception {
        return graphql("query Check($e: String!, $p: String!, $n: String!) { project(name: $p, entityName: $e) "
                + "{ run(name: $n) { tags summaryMetrics } } }", Map.of("e", ENTITY, "p", PROJECT, "n", run))
                .path("data").path("project").path("run");
    }

    private String sweepState(String sweep) throws Exception {
        return graphql("query Check($e: String!, $p: String!, $n: String!) { project(name: $p, entityName: $e) "
                + "{ sweep(sweepName: $n) { state } } }", Map.of("e", ENTITY, "p", PROJECT, "n", sweep))
                .path("data").path("project").path("sweep").path("state").asText();
    }

    private int markedItems(String point) throws Exception {
        JsonNode edges = graphql("query Check($e: String!) { project(name: \"model-registry\", entityName: $e) "
                + "{ runQueue(name: \"work\") { runQueueItems(first: 100) { edges { node { runSpec } } } } } }",
                Map.of("e", ENTITY)).path("data").path("project").path("runQueue").path("runQueueItems").path("edges");
        int count = 0;
        for (JsonNode edge : edges) {
            JsonNode spec = edge.path("node").path("runSpec");
            JsonNode parsed = spec.isTextual() ? JSON.readTree(spec.asText()) : spec;
            if ((point + "/enqueue#0").equals(parsed.path(EnqueueRequest.MARKER_KEY).asText())) {
                count++;
            }
        }
        return count;
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(node -> result.add(node.asText()));
        return result;
    }

    private JsonNode graphql(String query, Map<String, Object> variables) throws Exception {
        return app.graphql(sandbox, KEY, query, variables);
    }

}
