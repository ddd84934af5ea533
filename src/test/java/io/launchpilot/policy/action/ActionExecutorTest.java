package io.launchpilot.policy.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.launchpilot.policy.PolicyMode;
import io.launchpilot.store.ActionRecord;
import io.launchpilot.store.ActionState;
import io.launchpilot.store.OutboxStore;
import io.launchpilot.testing.SandboxApi;
import io.launchpilot.wandb.RunRef;
import io.launchpilot.wandb.WandbClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executor's guarantees against the sandbox: retries with backoff until dead, permanent failures at
 * once, order within a firing, independence of firings, audit firings never executed.
 */
@QuarkusTest
@TestProfile(OutboxProfile.class)
class ActionExecutorTest {

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

    @Inject
    MeterRegistry registry;

    Outbox outbox;

    @BeforeEach
    void newOutbox() {
        SandboxApi.clearFaults();
        outbox = new Outbox(store, handlers, config, metrics);
    }

    @AfterEach
    void noFaults() {
        SandboxApi.clearFaults();
    }

    private List<String> tags(String path) {
        return wandb.run(RunRef.parse(path)).orElseThrow().tags();
    }

    @Test
    void aFailingActionIsRetriedWithBackoffThenDeadAndARetryByHandFinishesIt() {
        String path = SandboxControl.run(Map.of("state", "finished"));
        String key = outbox.fire("flaky", Outbox.action("tagRun", "{'run': '" + path + "', 'add': ['promoted']}"));
        SandboxApi.faults(Map.of("errorRate", 1.0));

        outbox.executor.runDue();
        ActionRecord first = outbox.action(key, 0);
        assertEquals(ActionState.PENDING, first.state());
        assertEquals(1, first.attempts());
        assertTrue(first.lastError().contains("Run"), first.lastError());
        // min-backoff 5s, jitter fixed at one half: 2.5s + 0.5 * 2.5s
        assertEquals(outbox.clock.instant().plusMillis(3750), first.nextAttemptAt());

        outbox.executor.runDue();
        assertEquals(1, outbox.action(key, 0).attempts(), "not due before its backoff");

        for (int attempt = 2; attempt <= 5; attempt++) {
            outbox.clock.advance(Duration.ofMinutes(10));
            outbox.executor.runDue();
            assertEquals(attempt, outbox.action(key, 0).attempts());
        }
        ActionRecord dead = outbox.action(key, 0);
        assertEquals(ActionState.DEAD, dead.state());
        assertNull(dead.nextAttemptAt());
        outbox.clock.advance(Duration.ofHours(1));
        outbox.executor.runDue();
        assertEquals(5, outbox.action(key, 0).attempts(), "a dead action stays dead");

        SandboxApi.clearFaults();
        assertEquals(List.of(), tags(path));
        assertTrue(store.retry(dead.id(), outbox.clock.instant()));
        outbox.executor.runDue();
        ActionRecord done = outbox.action(key, 0);
        assertEquals(ActionState.DONE, done.state(), done.lastError());
        assertEquals(1, done.attempts());
        assertEquals(List.of("promoted"), tags(path));
        assertTrue(registry.get("launchpilot.actions").tag("type", "tagRun").tag("outcome", "dead").counter().count() >= 1);
    }

    @Test
    void rateLimitedCallsAreRetried() {
        String path = SandboxControl.run(Map.of("state", "finished"));
        SandboxApi.faults(Map.of("rateLimitEvery", 1, "retryAfterSeconds", 0));

        ActionRecord limited = outbox.run("tagRun", "{'run': '" + path + "', 'add': ['a']}");
        assertEquals(ActionState.PENDING, limited.state());
        assertEquals(1, limited.attempts());

        SandboxApi.clearFaults();
        outbox.clock.advance(Duration.ofMinutes(1));
        outbox.executor.runDue();
        assertEquals(ActionState.DONE, store.action(limited.id()).orElseThrow().state());
    }

    @Test
    void actionsOfAFiringRunInOrderAndAFailedOneHoldsTheRest() {
        String path = SandboxControl.run(Map.of("state", "finished"));
        String key = outbox.fire("ordered",
                Outbox.action("tagRun", "{'run': '" + path + "', 'add': ['first']}"),
                Outbox.action("tagRun", "{'run': 'lp-actions/vision/no-such-run', 'add': ['x']}"),
                Outbox.action("tagRun", "{'run': '" + path + "', 'add': ['third']}"));

        outbox.executor.runDue();

        assertEquals(ActionState.DONE, outbox.action(key, 0).state());
        assertEquals(ActionState.FAILED, outbox.action(key, 1).state());
        assertTrue(outbox.action(key, 1).lastError().contains("not found"));
        ActionRecord held = outbox.action(key, 2);
        assertEquals(ActionState.PENDING, held.state());
        assertEquals(0, held.attempts());
        assertEquals(List.of("first"), tags(path));
    }

    @Test
    void aFailingPolicyDoesNotBlockAnother() {
        String path = SandboxControl.run(Map.of("state", "finished"));
        String broken = outbox.fire("broken", Outbox.action("tagRun", "{'run': 'lp-actions/vision/gone', 'add': ['x']}"),
                Outbox.action("log", "{'message': 'after the broken one'}"));
        String fine = outbox.fire("fine", Outbox.action("tagRun", "{'run': '" + path + "', 'add': ['ok']}"));

        outbox.executor.runDue();

        assertEquals(ActionState.FAILED, outbox.action(broken, 0).state());
        assertEquals(ActionState.PENDING, outbox.action(broken, 1).state());
        assertEquals(ActionState.DONE, outbox.action(fine, 0).state());
        assertEquals(List.of("ok"), tags(path));
    }

    @Test
    void auditFiringsAreRecordedAndNeverExecuted() {
        String path = SandboxControl.run(Map.of("state", "finished"));
        long writes = SandboxApi.requests("UpsertBucket");
        String key = outbox.fire("watching", PolicyMode.AUDIT,
                Outbox.action("tagRun", "{'run': '" + path + "', 'add': ['promoted']}"));

        outbox.executor.runDue();
        outbox.clock.advance(Duration.ofDays(1));
        outbox.executor.runDue();

        ActionRecord audit = outbox.action(key, 0);
        assertEquals(ActionState.AUDIT, audit.state());
        assertEquals(0, audit.attempts());
        assertNull(audit.firstAttemptAt());
        assertEquals(List.of(), tags(path));
        assertEquals(writes, SandboxApi.requests("UpsertBucket"));
    }

    @Test
    void anActionLeftRunningByAnotherProcessIsResumedAndOneInFlightIsNot() {
        String key = outbox.fire("resume", Outbox.action("log", "{'message': 'resumed'}"));
        ActionRecord pending = outbox.action(key, 0);
        assertEquals(1, store.start(List.of(pending), "other-process/1", outbox.clock.instant()).size());

        assertFalse(store.due(outbox.clock.instant(), "other-process/1", 100).stream()
                .anyMatch(action -> action.id().equals(pending.id())), "its own claimant sees it in flight");
        outbox.executor.runDue();

        ActionRecord done = outbox.action(key, 0);
        assertEquals(ActionState.DONE, done.state());
        assertEquals(2, done.attempts());
    }

    @Test
    void actionsOnOneRunNeverRunAtOnceSoNoTagIsLost() {
        // runs with four workers (the default): a tag added is a read of the run's tags and a write of all of
        // them, so two firings tagging the same run at once would lose one tag
        assertTrue(config.concurrency() > 1);
        String shared = SandboxControl.run(Map.of("state", "finished"));
        List<String> others = new java.util.ArrayList<>();
        List<String> wanted = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String other = SandboxControl.run(Map.of("state", "finished"));
            others.add(other);
            wanted.add("t" + i);
            outbox.fire("shared-" + i, Outbox.action("tagRun", "{'run': '" + shared + "', 'add': ['t" + i + "']}"));
            outbox.fire("other-" + i, Outbox.action("tagRun", "{'run': '" + other + "', 'add': ['o" + i + "']}"));
        }

        assertEquals(24, outbox.executor.runDue());

        assertEquals(wanted.stream().sorted().toList(), tags(shared).stream().sorted().toList());
        for (int i = 0; i < others.size(); i++) {
            assertEquals(List.of("o" + i), tags(others.get(i)));
        }
    }

    @Test
    void actionsShareALaneByTheRunOrSweepTheyChangeElseByTheirSubject() {
        ActionRecord tagA = record("tagRun", "{'run': 'e/p/a', 'add': ['x']}", "e/p/s1");
        ActionRecord updateA = record("updateRun", "{'run': 'e/p/a', 'summary': {'k': 1}}", "e/p/s2");
        ActionRecord tagB = record("tagRun", "{'run': 'e/p/b', 'add': ['x']}", "e/p/s1");
        ActionRecord pause = record("setSweepState", "{'sweep': 'e/p/sw', 'state': 'pause'}", "e/p/sw");
        ActionRecord queue1 = record("applyQueue", "{'spec': {}}", "e/p/s1");
        ActionRecord queue2 = record("applyQueue", "{'spec': {}}", "e/p/s2");
        ActionRecord log1 = record("log", "{'message': 'm'}", "e/p/s1");
        ActionRecord log2 = record("log", "{'message': 'm'}", "e/p/s2");

        assertEquals(List.of(List.of(tagA, updateA), List.of(tagB), List.of(pause), List.of(queue1, queue2),
                List.of(log1), List.of(log2)),
                List.copyOf(ActionExecutor.lanes(List.of(tagA, updateA, tagB, pause, queue1, queue2, log1, log2))));
    }

    private static ActionRecord record(String type, String params, String subject) {
        return new ActionRecord(type + "@" + subject + "#0", type + "@" + subject, 0, "p", "event:run.state_changed",
                subject, 1L, type, Outbox.params(params), ActionState.PENDING, 0, null, null, null, null, null, null,
                null);
    }

    @Test
    void backoffDoublesUpToTheMaximumWithJitter() {
        ActionsConfig fixed = new FixedConfig(Duration.ofSeconds(5), Duration.ofMinutes(5));
        ActionExecutor none = new ActionExecutor(store, handlers, fixed, outbox.clock, "b", metrics, () -> 0.0,
                new ActionExecutor.CrashHook(java.util.Optional.empty()));
        ActionExecutor full = new ActionExecutor(store, handlers, fixed, outbox.clock, "b", metrics, () -> 1.0,
                new ActionExecutor.CrashHook(java.util.Optional.empty()));

        assertEquals(Duration.ofMillis(2500), none.backoff(1));
        assertEquals(Duration.ofSeconds(5), full.backoff(1));
        assertEquals(Duration.ofSeconds(10), full.backoff(2));
        assertEquals(Duration.ofSeconds(40), full.backoff(4));
        assertEquals(Duration.ofMinutes(5), full.backoff(7));
        assertEquals(Duration.ofMinutes(5), full.backoff(60));
        assertEquals(Duration.ofMinutes(2).plusSeconds(30), none.backoff(60));
    }

    /** The defaults with other backoff bounds. */
    private record FixedConfig(Duration minBackoff, Duration maxBackoff) implements ActionsConfig {
        public boolean executor() {
            return false;
        }

        public Duration pollInterval() {
            return Duration.ofSeconds(1);
        }

        public int batchSize() {
            return 50;
        }

        public int concurrency() {
            return 4;
        }

        public int maxAttempts() {
            return 5;
        }

        public Duration webhookTimeout() {
            return Duration.ofSeconds(10);
        }

        public Map<String, String> webhookSecrets() {
            return Map.of();
        }

        public java.util.Optional<CrashPoint> crashAt() {
            return java.util.Optional.empty();
        }
    }
}
