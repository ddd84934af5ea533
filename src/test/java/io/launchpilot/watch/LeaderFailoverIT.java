package io.launchpilot.watch;

import static io.launchpilot.PackagedJar.await;
import static io.launchpilot.PackagedJar.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.launchpilot.PackagedJar;
import io.launchpilot.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of {@code launchpilot serve} (the packaged jar) on one PostgreSQL store, watching a
 * separate {@code launchpilot sandbox} process as their W&B: exactly one leads and polls while both
 * serve REST and stay ready; the leader is killed (SIGKILL) and the other takes over within the
 * election's retry period, and the ledger holds every change of the runs once, before, during and
 * after the takeover. Both load a policy that tags a run {@code ended} on each of its state changes;
 * runs end just before the kill and after it, and at the end every change has one action done, each
 * ended run carries the tag, and W&B saw one tag write per run: no action lost or doubled across the
 * takeover. Replica A writes JSON logs, which go to standard error only.
 */
class LeaderFailoverIT {

    static final String ENTITY = "failover";
    static final String KEY = "x".repeat(40);
    /** A follower tries for the lock this often; a leader that lost it would stop acting within the lease. */
    static final Duration RETRY = Duration.ofMillis(500);
    static final Duration LEASE = Duration.ofSeconds(10);

    static final String POLICY = """
            apiVersion: launchpilot/v1
            kind: Policy
            metadata: { name: tag-ended }
            spec:
              on:
                - event: run.state_changed
                  scope: { entity: failover }
              do:
                - tagRun: { add: [ended] }
            """;

    PackagedJar jar;
    String sandbox;

    @AfterEach
    void stop() {
        jar.close();
    }

    record Replica(String name, String url, Process process) {
    }

    @Test
    void exactlyOneReplicaActsAndTheOtherTakesOverWhenItIsKilled() throws Exception {
        Path workdir = Files.createTempDirectory("lp-failover-");
        jar = new PackagedJar(workdir);
        int sandboxPort = freePort();
        jar.start("sandbox", "sandbox", List.of("-Dquarkus.http.port=" + sandboxPort,
                "-Dlaunchpilot.sandbox.simulator.enabled=false"), Map.of());
        sandbox = "http://127.0.0.1:" + sandboxPort;
        await(() -> jar.get(sandbox + "/sandbox/api/stats") != null, "the sandbox");
        List<String> projects = List.of("a", "b");
        RunChanges runs = new RunChanges(jar, sandbox, ENTITY);
        runs.create(projects, 4);

        Path configDir = workdir.resolve("config");
        Files.createDirectories(configDir.resolve("policies"));
        Files.writeString(configDir.resolve("policies").resolve("tag-ended.yaml"), POLICY);
        String storeUrl = TestDatabases.postgresUrl();
        Map<String, String> env = Map.of("WANDB_BASE_URL", sandbox + "/sandbox", "WANDB_API_KEY", KEY);
        Path jsonOut = workdir.resolve("replica-a.out");
        Path jsonErr = workdir.resolve("replica-a.err");
        Replica a = replica("replica-a", storeUrl, configDir, projects, Map.of("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true"),
                jsonOut, jsonErr, env);
        Replica b = replica("replica-b", storeUrl, configDir, projects, Map.of(), workdir.resolve("replica-b.log"),
                workdir.resolve("replica-b.log"), env);
        for (Replica replica : List.of(a, b)) {
            await(() -> jar.get(replica.url() + "/q/health/ready") != null, replica.name() + " ready");
        }

        await(() -> leaders(a, b).size() == 1, "one leader");
        Replica leader = leaders(a, b).get(0);
        Replica follower = leader == a ? b : a;
        JsonNode followerCheck = check(follower, "leader");
        assertEquals("UP", followerCheck.get("status").asText(), "a follower stays ready to serve");
        assertFalse(followerCheck.get("data").get("leader").asBoolean());
        assertEquals("postgresql", followerCheck.get("data").get("mode").asText());
        assertEquals(follower.name(), status(follower).get("instanceId").asText());
        await(() -> check(leader, "watcher").get("data").has("lastPoll"), "the leader's first poll (the baseline)");

        runs.step(20, 400);
        runs.end();
        Thread.sleep(3000);
        assertEquals(List.of(leader), leaders(a, b), "still one leader");
        assertTrue(watchPolls(leader) > 0, "the leader polls");
        assertEquals(0.0, watchPolls(follower), "the follower never polls");
        runs.assertReportedOnceEach(jar.events(follower.url()));

        runs.step(6, 200);
        runs.end();
        runs.end();
        leader.process().destroyForcibly().waitFor();
        long killedAt = System.nanoTime();
        await(() -> leaders(follower).size() == 1, follower.name() + " leading");
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
        assertTrue(takeover.compareTo(LEASE) < 0, "took over within the lease time: " + takeover);

        runs.step(12, 300);
        runs.end();
        runs.end();
        Thread.sleep(4000);
        List<JsonNode> events = jar.events(follower.url());
        runs.assertReportedOnceEach(events);
        assertEachStateChangeTaggedOnce(follower, events);

        assertJsonLinesOnStandardError(jsonOut, jsonErr);
    }

    private Replica replica(String name, String storeUrl, Path configDir, List<String> projects, Map<String, String> extraEnv,
            Path stdout, Path stderr, Map<String, String> env) throws IOException {
        int port = freePort();
        List<String> properties = new ArrayList<>(List.of("-Dquarkus.http.port=" + port,
                "-Dlaunchpilot.watch.interval=1s", "-Dquarkus.datasource.jdbc.url=" + storeUrl,
                "-Dquarkus.datasource.username=postgres", "-Dlaunchpilot.leader.instance-id=" + name,
                "-Dlaunchpilot.config-dir=" + configDir,
                "-Dlaunchpilot.leader.retry-period=" + RETRY.toMillis() + "ms",
                "-Dlaunchpilot.leader.renew-deadline=5s", "-Dlaunchpilot.leader.lease-duration=" + LEASE.toSeconds() + "s"));
        for (int i = 0; i < projects.size(); i++) {
            properties.add("-Dlaunchpilot.watch.scopes[" + i + "].entity=" + ENTITY);
            properties.add("-Dlaunchpilot.watch.scopes[" + i + "].project=" + projects.get(i));
        }
        Map<String, String> all = new HashMap<>(env);
        all.putAll(extraEnv);
        return new Replica(name, "http://127.0.0.1:" + port, jar.start("serve", properties, all, stdout, stderr));
    }

    /**
     * One {@code tag-ended} action done per state change of the ledger (none pending, failed or dead),
     * each ended run tagged, and one tag write per ended run: the action of a later change of the same
     * run, or a repeat after the kill, finds the tag and writes nothing.
     */
    private void assertEachStateChangeTaggedOnce(Replica replica, List<JsonNode> events) throws Exception {
        Map<String, String> changes = new HashMap<>();
        for (JsonNode event : events) {
            if (event.get("type").asText().equals(EventTypes.RUN_STATE_CHANGED)) {
                JsonNode payload = event.get("payload");
                changes.put(event.get("id").asText(), payload.get("project").asText() + "/" + payload.get("run").asText());
            }
        }
        assertTrue(changes.size() >= 3, "state changes before and after the kill: " + changes);
        String actions = replica.url() + "/api/v1/actions?limit=100&policy=tag-ended";
        await(() -> jar.get(actions + "&state=done").get("items").size() >= changes.size(), "every action done");
        JsonNode all = jar.get(actions).get("items");
        assertEquals(changes.size(), all.size(), "one action per state change: " + all);
        Set<String> firings = new HashSet<>();
        for (JsonNode action : all) {
            assertEquals("done", action.get("state").asText(), action.toString());
            assertTrue(firings.add(action.get("firingKey").asText()), "fired twice: " + action);
        }
        Set<String> ended = new HashSet<>(changes.values());
        for (String run : ended) {
            String[] path = run.split("/");
            JsonNode tags = jar.graphql(sandbox, KEY, "query Tags($e: String!, $p: String!, $n: String!) { "
                    + "project(name: $p, entityName: $e) { run(name: $n) { tags } } }",
                    Map.of("e", ENTITY, "p", path[0], "n", path[1])).at("/data/project/run/tags");
            assertEquals("[\"ended\"]", tags.toString(), run);
        }
        JsonNode writes = jar.get(sandbox + "/sandbox/api/stats").get("operations").path("UpsertBucket");
        assertEquals(ended.size(), writes.asInt(), "one tag write per ended run");
    }

    private List<Replica> leaders(Replica... replicas) {
        List<Replica> leaders = new ArrayList<>();
        for (Replica replica : replicas) {
            JsonNode status = status(replica);
            if (status != null && status.get("leader").asBoolean()) {
                leaders.add(replica);
            }
        }
        return leaders;
    }

    private JsonNode status(Replica replica) {
        return jar.get(replica.url() + "/api/v1/status");
    }

    private JsonNode check(Replica replica, String name) {
        JsonNode health = jar.get(replica.url() + "/q/health/ready");
        assertNotNull(health, replica.name() + " is ready");
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    /** The replica's count of watcher polls sent to W&B, from its Prometheus metrics. */
    private double watchPolls(Replica replica) {
        String metrics = jar.text(replica.url() + "/q/metrics");
        double polls = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("launchpilot_wandb_requests_total{") && line.contains("operation=\"WatchPoll\"")) {
                polls += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return polls;
    }

    private static void assertJsonLinesOnStandardError(Path stdout, Path stderr) throws IOException {
        assertEquals("", Files.readString(stdout), "standard output is for command results only");
        List<String> lines = Files.readAllLines(stderr).stream().filter(line -> !line.isBlank()).toList();
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            assertTrue(PackagedJar.JSON.readTree(line).has("message"), "a JSON log record: " + line);
        }
    }
}
