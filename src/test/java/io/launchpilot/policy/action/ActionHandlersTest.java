package io.launchpilot.policy.action;

import static io.launchpilot.policy.action.SandboxControl.ENTITY;
import static io.launchpilot.policy.action.SandboxControl.PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.launchpilot.queue.EnqueueRequest;
import io.launchpilot.store.ActionRecord;
import io.launchpilot.store.ActionState;
import io.launchpilot.store.OutboxStore;
import io.launchpilot.testing.SandboxApi;
import io.launchpilot.wandb.ArtifactRef;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.QueuedRun;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.RunRef;
import io.launchpilot.wandb.SweepRef;
import io.launchpilot.wandb.WandbClient;
import io.quarkus.arc.All;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every action type against the sandbox: it acts once, its result says what it did, and a repeat of an
 * attempt that already had its effect (as after a crash) finds the effect and sends nothing.
 */
@QuarkusTest
@TestProfile(OutboxProfile.class)
class ActionHandlersTest {

    @Inject
    OutboxStore store;

    @Inject
    @All
    List<ActionHandler> handlers;

    @Inject
    ActionsConfig config;

    @Inject
    ActionMetrics metrics;

    @Inject
    WandbClient wandb;

    Outbox outbox;

    @BeforeEach
    void newOutbox() {
        SandboxApi.clearFaults();
        outbox = new Outbox(store, handlers, config, metrics);
    }

    /** Leaves the action as a crash after its effect would: running, claimed by a process that is gone. */
    private ActionRecord crashedAfterEffect(String type, String json) {
        String key = outbox.fire("p-crash-" + type, Outbox.action(type, json));
        ActionRecord pending = outbox.action(key, 0);
        assertEquals(1, store.start(List.of(pending), "gone-process", outbox.clock.instant()).size());
        ActionRecord running = outbox.action(key, 0);
        handler(type).execute(running, false);
        return running;
    }

    private ActionHandler handler(String type) {
        return handlers.stream().filter(h -> h.type().key().equals(type)).findFirst().orElseThrow();
    }

    private Run run(String path) {
        return wandb.run(RunRef.parse(path)).orElseThrow();
    }

    @Test
    void tagRunAddsAndRemovesTagsVisibleAsTheRunsTags() {
        String path = SandboxControl.run(Map.of("state", "finished", "tags", List.of("baseline", "old")));

        ActionRecord done = outbox.run("tagRun", "{'run': '" + path + "', 'add': ['promoted'], 'remove': ['old']}");

        assertEquals(ActionState.DONE, done.state(), done.lastError());
        assertEquals(List.of("baseline", "promoted"), run(path).tags());
        assertEquals("[\"baseline\",\"promoted\"]", done.result().get("tags").toString());
        assertFalse(done.result().has("existed"));
    }

    @Test
    void tagRunAfterACrashFindsTheTagsAndWritesNothing() {
        String path = SandboxControl.run(Map.of("state", "finished"));
        ActionRecord crashed = crashedAfterEffect("tagRun", "{'run': '" + path + "', 'add': ['promoted']}");
        long writes = SandboxApi.requests("UpsertBucket");

        outbox.executor.runDue();

        ActionRecord done = store.action(crashed.id()).orElseThrow();
        assertEquals(ActionState.DONE, done.state(), done.lastError());
        assertTrue(done.result().get("existed").asBoolean());
        assertEquals(2, done.attempts());
        assertEquals(writes, SandboxApi.requests("UpsertBucket"));
        assertEquals(List.of("promoted"), run(path).tags());
    }

    @Test
    void updateRunSetsSummaryAndConfigKeysAndARepeatWritesNothing() {
        String path = SandboxControl.run(Map.of("state", "finished", "summary", Map.of("acc", 0.9),
                "config", Map.of("lr", 0.1)));

        ActionRecord done = outbox.run("updateRun",
                "{'run': '" + path + "', 'summary': {'promoted': true, 'rank': 1}, 'config': {'stage': 'prod'}}");

        assertEquals(ActionState.DONE, done.state(), done.lastError());
        Run run = run(path);
        assertEquals(true, run.summary().get("promoted"));
        assertEquals(0.9, run.summary().get("acc"));
        assertEquals("prod", run.config().get("stage"));
        assertEquals(0.1, run.config().get("lr"));

        long writes = SandboxApi.requests("UpsertBucket");
        ActionRecord again = outbox.run("updateRun", "{'run': '" + path + "', 'summary': {'rank': 1.0}}");
        assertTrue(again.result().get("existed").asBoolean());
        assertEquals(writes, SandboxApi.requests("UpsertBucket"));
    }

    @Test
    void changesOfOneRunFromSeveralFiringsAreReadOnceAndWrittenOnce() {
        String path = SandboxControl.run(Map.of("state", "finished", "tags", List.of("baseline")));
        String tagA = outbox.fire("p-tag-a", Outbox.action("tagRun", "{'run': '" + path + "', 'add': ['a']}"));
        String update = outbox.fire("p-update", Outbox.action("updateRun", "{'run': '" + path + "', 'summary': {'rank': 1}}"));
        String tagB = outbox.fire("p-tag-b", Outbox.action("tagRun",
                "{'run': '" + path + "', 'add': ['b'], 'remove': ['baseline']}"));
        String again = outbox.fire("p-tag-again", Outbox.action("tagRun", "{'run': '" + path + "', 'add': ['a']}"));
        long reads = SandboxApi.requests("Run");
        long writes = SandboxApi.requests("UpsertBucket");

        outbox.executor.runDue();

        assertEquals(1, SandboxApi.requests("Run") - reads, "one read for four actions");
        assertEquals(1, SandboxApi.requests("UpsertBucket") - writes, "one write for four actions");
        for (String key : List.of(tagA, update, tagB, again)) {
            ActionRecord done = outbox.action(key, 0);
            assertEquals(ActionState.DONE, done.state(), done.lastError());
            assertEquals(1, done.attempts());
        }
        assertEquals(List.of("a", "b"), run(path).tags());
        assertEquals(1L, ((Number) run(path).summary().get("rank")).longValue());
        assertEquals("[\"a\",\"b\"]", outbox.action(tagA, 0).result().get("tags").toString());
        assertFalse(outbox.action(tagA, 0).result().has("existed"));
        assertEquals("{\"rank\":1}", outbox.action(update, 0).result().get("summary").toString());
        assertTrue(outbox.action(again, 0).result().get("existed").asBoolean(), "a is there after the changes before it");
    }

    @Test
    void changesOfOneRunLeftRunningByACrashAfterTheirEffectAreFoundTogetherAndWriteNothing() {
        String path = SandboxControl.run(Map.of("state", "finished"));
        ActionRecord tag = crashedAfterEffect("tagRun", "{'run': '" + path + "', 'add': ['promoted']}");
        ActionRecord update = crashedAfterEffect("updateRun", "{'run': '" + path + "', 'summary': {'rank': 1}}");
        long reads = SandboxApi.requests("Run");
        long writes = SandboxApi.requests("UpsertBucket");

        outbox.executor.runDue();

        for (ActionRecord crashed : List.of(tag, update)) {
            ActionRecord done = store.action(crashed.id()).orElseThrow();
            assertEquals(ActionState.DONE, done.state(), done.lastError());
            assertTrue(done.result().get("existed").asBoolean(), done.result().toString());
            assertEquals(2, done.attempts());
        }
        assertEquals(1, SandboxApi.requests("Run") - reads);
        assertEquals(writes, SandboxApi.requests("UpsertBucket"));
        assertEquals(List.of("promoted"), run(path).tags());
    }

    @Test
    void changesOfOneRunThatWandbRefusesTogetherAreTriedAloneAndFailAlone() {
        String path = SandboxControl.run(Map.of("state", "finished")).replaceFirst("/[^/]+$", "/no-such-run");
        String first = outbox.fire("p-missing-a", Outbox.action("tagRun", "{'run': '" + path + "', 'add': ['a']}"));
        String second = outbox.fire("p-missing-b", Outbox.action("updateRun", "{'run': '" + path + "', 'summary': {'x': 1}}"));
        long reads = SandboxApi.requests("Run");

        outbox.executor.runDue();

        assertEquals(3, SandboxApi.requests("Run") - reads, "together, then each alone");
        for (String key : List.of(first, second)) {
            ActionRecord failed = outbox.action(key, 0);
            assertEquals(ActionState.FAILED, failed.state());
            assertEquals(1, failed.attempts());
        }
        assertEquals("tagRun: run " + path + " not found", outbox.action(first, 0).lastError());
        assertEquals("updateRun: run " + path + " not found", outbox.action(second, 0).lastError());
    }

    @Test
    void changesOfOneRunThatFailForAMomentAreRetriedTogether() {
        String path = SandboxControl.run(Map.of("state", "finished"));
        String first = outbox.fire("p-flaky-a", Outbox.action("tagRun", "{'run': '" + path + "', 'add': ['a']}"));
        String second = outbox.fire("p-flaky-b", Outbox.action("tagRun", "{'run': '" + path + "', 'add': ['b']}"));
        SandboxApi.faults(Map.of("errorRate", 1.0));
        try {
            outbox.executor.runDue();
        } finally {
            SandboxApi.clearFaults();
        }
        for (String key : List.of(first, second)) {
            assertEquals(ActionState.PENDING, outbox.action(key, 0).state());
            assertEquals(1, outbox.action(key, 0).attempts());
        }

        outbox.clock.advance(Duration.ofHours(1));
        outbox.executor.runDue();

        assertEquals(ActionState.DONE, outbox.action(first, 0).state());
        assertEquals(ActionState.DONE, outbox.action(second, 0).state());
        assertEquals(List.of("a", "b"), run(path).tags());
    }

    @Test
    void setSweepStatePausesAndTreatsTheTargetStateAsDone() {
        String sweep = SandboxControl.sweep("RUNNING");

        ActionRecord paused = outbox.run("setSweepState", "{'sweep': '" + sweep + "', 'state': 'pause'}");
        assertEquals(ActionState.DONE, paused.state(), paused.lastError());
        assertEquals("PAUSED", wandb.sweep(SweepRef.parse(sweep)).orElseThrow().state());

        ActionRecord again = outbox.run("setSweepState", "{'sweep': '" + sweep + "', 'state': 'pause'}");
        assertTrue(again.result().get("existed").asBoolean());

        ActionRecord cancelled = outbox.run("setSweepState", "{'sweep': '" + sweep + "', 'state': 'cancel'}");
        assertEquals("CANCELED", wandb.sweep(SweepRef.parse(sweep)).orElseThrow().state());
        assertFalse(cancelled.result().has("existed"));
        ActionRecord stopped = outbox.run("setSweepState", "{'sweep': '" + sweep + "', 'state': 'stop'}");
        assertTrue(stopped.result().get("existed").asBoolean(), "a cancelled sweep is already over");
    }

    @Test
    void setSweepStateThatWandbRefusesFailsWithoutRetries() {
        String sweep = SandboxControl.sweep("FINISHED");

        ActionRecord failed = outbox.run("setSweepState", "{'sweep': '" + sweep + "', 'state': 'pause'}");

        assertEquals(ActionState.FAILED, failed.state());
        assertEquals(1, failed.attempts());
        assertTrue(failed.lastError().contains("cannot pause sweep"), failed.lastError());
    }

    @Test
    void linkArtifactLinksTheRunsModelAndARepeatFindsTheLink() {
        String path = SandboxControl.run(Map.of("state", "finished"));
        String runName = RunRef.parse(path).name();
        String model = "model-" + runName;
        SandboxControl.artifact(runName, "model", model, "latest");
        SandboxControl.artifact(runName, "dataset", "data-" + runName, "latest");
        String collection = "best-" + runName;
        String json = "{'from': {'run': '" + path + "', 'type': 'model'}, 'to': '" + ENTITY + "/" + PROJECT + "/"
                + collection + "', 'aliases': ['staging']}";

        ActionRecord linked = outbox.run("linkArtifact", json);

        assertEquals(ActionState.DONE, linked.state(), linked.lastError());
        assertEquals(ENTITY + "/" + PROJECT + "/" + model + ":v0", linked.result().get("source").asText());
        assertEquals(ENTITY + "/" + PROJECT + "/" + collection + ":v0", linked.result().get("target").asText());
        var membership = wandb.artifact(new ArtifactRef(ENTITY, PROJECT, collection, "staging")).orElseThrow();
        assertEquals(model, membership.artifact().collection());

        ActionRecord crashed = crashedAfterEffect("linkArtifact", json);
        long links = SandboxApi.requests("LinkArtifact");
        outbox.executor.runDue();
        ActionRecord resumed = store.action(crashed.id()).orElseThrow();
        assertTrue(resumed.result().get("existed").asBoolean());
        assertEquals(links, SandboxApi.requests("LinkArtifact"));
        assertTrue(wandb.artifact(new ArtifactRef(ENTITY, PROJECT, collection, "v1")).isEmpty(), "linked once");
    }

    @Test
    void linkArtifactByNameAndAWrongSourceFails() {
        String name = "named-" + UUID.randomUUID().toString().substring(0, 8);
        SandboxControl.artifact(null, "model", name, "prod");

        ActionRecord linked = outbox.run("linkArtifact", "{'from': {'artifact': '" + ENTITY + "/" + PROJECT + "/" + name
                + ":prod'}, 'to': '" + ENTITY + "/" + PROJECT + "/reg-" + name + "'}");
        assertEquals(ActionState.DONE, linked.state(), linked.lastError());

        ActionRecord missing = outbox.run("linkArtifact", "{'from': {'artifact': '" + ENTITY + "/" + PROJECT
                + "/no-such:latest'}, 'to': '" + ENTITY + "/" + PROJECT + "/x'}");
        assertEquals(ActionState.FAILED, missing.state());
        assertTrue(missing.lastError().contains("not found"), missing.lastError());
    }

    private String queueSpec(String name) {
        return "{'apiVersion': 'launchpilot/v1', 'kind': 'RunQueue', 'metadata': {'name': '" + name + "', 'entity': '"
                + ENTITY + "'}, 'spec': {'resource': 'local-container', 'config': {'cpus': '{{cpus}}'}, "
                + "'templateVariables': {'cpus': {'schema': {'type': 'integer', 'default': 1, 'minimum': 1, 'maximum': 4}}}}}";
    }

    @Test
    void applyQueueCreatesTheQueueOnceAndEnqueuePutsAMarkedRunOnIt() {
        String name = "q-" + UUID.randomUUID().toString().substring(0, 8);

        ActionRecord created = outbox.run("applyQueue", "{'spec': " + queueSpec(name) + "}");
        assertEquals(ActionState.DONE, created.state(), created.lastError());
        assertEquals("create", created.result().get("change").asText());
        ActionRecord again = outbox.run("applyQueue", "{'spec': " + queueSpec(name) + "}");
        assertEquals("unchanged", again.result().get("change").asText());
        assertTrue(again.result().get("existed").asBoolean());

        ActionRecord queued = outbox.run("enqueue", "{'queue': '" + ENTITY + "/" + name
                + "', 'image': 'python:3.12', 'vars': {'cpus': 2}, 'config': {'lr': 0.01}}");
        assertEquals(ActionState.DONE, queued.state(), queued.lastError());
        QueuedRun item = wandb.findQueued(new QueueRef(ENTITY, name), EnqueueRequest.MARKER_KEY, queued.id())
                .orElseThrow();
        assertEquals(queued.result().get("itemId").asText(), item.itemId());
        assertEquals(Map.of("run_config", Map.of("lr", 0.01)), item.runSpec().get("overrides"));
    }

    @Test
    void enqueueAfterACrashFindsItsItemAndPushesNothing() {
        String name = "q-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(ActionState.DONE, outbox.run("applyQueue", "{'spec': " + queueSpec(name) + "}").state());
        ActionRecord crashed = crashedAfterEffect("enqueue", "{'queue': '" + ENTITY + "/" + name + "', 'image': 'python:3.12'}");
        long pushes = SandboxApi.requests("pushToRunQueueByName");

        outbox.executor.runDue();

        ActionRecord done = store.action(crashed.id()).orElseThrow();
        assertEquals(ActionState.DONE, done.state(), done.lastError());
        assertTrue(done.result().get("existed").asBoolean());
        assertEquals(pushes, SandboxApi.requests("pushToRunQueueByName"));
        assertEquals(1, wandb.queue(new QueueRef(ENTITY, name)).orElseThrow().items().size());
    }

    @Test
    void enqueueThatDoesNotFitTheQueueFailsAtOnce() {
        String name = "q-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(ActionState.DONE, outbox.run("applyQueue", "{'spec': " + queueSpec(name) + "}").state());

        ActionRecord failed = outbox.run("enqueue", "{'queue': '" + ENTITY + "/" + name
                + "', 'image': 'python:3.12', 'vars': {'cpus': 99}}");
        ActionRecord missing = outbox.run("enqueue", "{'queue': '" + ENTITY + "/nope-" + name + "', 'image': 'x'}");

        assertEquals(ActionState.FAILED, failed.state());
        assertTrue(failed.lastError().contains("vars.cpus"), failed.lastError());
        assertEquals(ActionState.FAILED, missing.state());
        assertTrue(missing.lastError().contains("not found"), missing.lastError());
    }

    @Test
    void logIsDoneAndABadLevelFails() {
        ActionRecord logged = outbox.run("log", "{'message': 'hello from a policy', 'level': 'warn'}");
        ActionRecord bad = outbox.run("log", "{'message': 'x', 'level': 'debug'}");

        assertEquals(ActionState.DONE, logged.state());
        assertEquals("hello from a policy", logged.result().get("logged").asText());
        assertEquals(ActionState.FAILED, bad.state());
        assertEquals("log: level must be info or warn, got debug", bad.lastError());
        assertNull(bad.result());
        assertNotNull(bad.firstAttemptAt());
    }
}
