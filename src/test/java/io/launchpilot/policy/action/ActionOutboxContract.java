package io.launchpilot.policy.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.policy.Firing;
import io.launchpilot.policy.PlannedAction;
import io.launchpilot.policy.PolicyMode;
import io.launchpilot.store.ActionRecord;
import io.launchpilot.store.ActionState;
import io.launchpilot.store.FiringRecord;
import io.launchpilot.store.OutboxStore;
import io.launchpilot.store.Store;
import io.launchpilot.store.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the outbox promises about recording firings, on each database (see the subclasses). */
abstract class ActionOutboxContract {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");
    static final String EVENT = "event:run.state_changed";
    static final String HOURLY = "schedule:0 * * * *";

    DataSource database;
    OutboxStore store;
    ActionOutbox outbox;

    abstract DataSource newDatabase();

    @BeforeEach
    void emptyOutbox() {
        database = TestDatabases.migrated(newDatabase());
        store = new OutboxStore(new Store(database));
        outbox = new ActionOutbox(store, Clock.fixed(T0, ZoneOffset.UTC), new ActionWakeUp());
    }

    static Firing firing(String key, String policy, PolicyMode mode, Instant at, PlannedAction... actions) {
        return new Firing(key, policy, EVENT, "acme/vision/r1", 7L, mode, at, List.of(actions));
    }

    static Firing tick(String key, String policy, String trigger, Instant at, PlannedAction... actions) {
        return new Firing(key, policy, trigger, trigger, null, PolicyMode.ENFORCE, at, List.of(actions));
    }

    static PlannedAction log(String message) {
        ObjectNode params = JSON.createObjectNode().put("message", message);
        return new PlannedAction("log", params);
    }

    /** Submits one firing; whether it was recorded. */
    boolean submit(Firing firing) {
        return outbox.submit(List.of(firing)).equals(List.of(firing.key()));
    }

    @Test
    void firingsSubmittedTogetherAreRecordedTogetherLeavingOutKeysSeenBefore() {
        assertTrue(submit(firing("k1", "p", PolicyMode.ENFORCE, T0, log("first"))));

        assertEquals(List.of("k2", "k3"), outbox.submit(List.of(
                firing("k2", "p", PolicyMode.ENFORCE, T0, log("second")),
                firing("k1", "p", PolicyMode.ENFORCE, T0, log("again")),
                firing("k3", "q", PolicyMode.AUDIT, T0, log("third"), log("fourth")),
                firing("k2", "p", PolicyMode.ENFORCE, T0, log("twice in one list")))));

        assertEquals("first", store.action("k1#0").orElseThrow().params().get("message").asText());
        assertEquals("second", store.action("k2#0").orElseThrow().params().get("message").asText());
        assertEquals(ActionState.AUDIT, store.action("k3#1").orElseThrow().state());
        assertEquals(2, outbox.countSince("p", T0));
        assertEquals(List.of(), outbox.submit(List.of()));
    }

    @Test
    void oneBadFiringInAListWritesNoneOfThem() {
        PlannedAction unknown = new PlannedAction("launchMissiles", JSON.createObjectNode());

        assertThrows(IllegalArgumentException.class, () -> outbox.submit(List.of(
                firing("k1", "p", PolicyMode.ENFORCE, T0, log("a")),
                firing("k2", "p", PolicyMode.ENFORCE, T0, unknown))));
        assertTrue(store.action("k1#0").isEmpty());
        assertEquals(Optional.empty(), outbox.lastFiredAt("p"));
    }

    @Test
    void aFiringIsRecordedWithItsActionsInOrder() {
        assertTrue(submit(firing("k1", "p", PolicyMode.ENFORCE, T0, log("first"), log("second"))));

        ActionRecord first = store.action("k1#0").orElseThrow();
        ActionRecord second = store.action("k1#1").orElseThrow();
        assertEquals(ActionState.PENDING, first.state());
        assertEquals(0, first.attempts());
        assertEquals(T0, first.nextAttemptAt());
        assertEquals("first", first.params().get("message").asText());
        assertEquals(1, second.index());
        assertEquals("p", second.policy());
        assertEquals("acme/vision/r1", second.subject());
        assertEquals("event:run.state_changed", second.trigger());
        assertEquals(7L, second.eventId());
    }

    @Test
    void aKeySeenBeforeWritesNothing() {
        assertTrue(submit(firing("k1", "p", PolicyMode.ENFORCE, T0, log("first"))));
        assertFalse(submit(firing("k1", "p", PolicyMode.ENFORCE, T0.plusSeconds(5), log("other"), log("more"))));

        assertEquals("first", store.action("k1#0").orElseThrow().params().get("message").asText());
        assertTrue(store.action("k1#1").isEmpty());
        assertEquals(1, outbox.countSince("p", T0.minusSeconds(1)));
        assertEquals(Optional.of(T0), outbox.lastFiredAt("p"));
    }

    @Test
    void auditFiringsAreRecordedButNeverDue() {
        submit(firing("k1", "p", PolicyMode.AUDIT, T0, log("first")));

        assertEquals(ActionState.AUDIT, store.action("k1#0").orElseThrow().state());
        assertEquals(List.of(), store.due(T0.plusSeconds(3600), "me", 10));
        assertFalse(outbox.hasUnfinishedActions("p", EVENT));
        assertEquals("audit", outbox.recent("p", 5).get(0).mode());
    }

    @Test
    void anUnknownActionTypeIsRefusedAndNothingIsWritten() {
        PlannedAction unknown = new PlannedAction("launchMissiles", JSON.createObjectNode());

        assertThrows(IllegalArgumentException.class,
                () -> submit(firing("k1", "p", PolicyMode.ENFORCE, T0, log("a"), unknown)));
        assertTrue(store.action("k1#0").isEmpty());
        assertEquals(Optional.empty(), outbox.lastFiredAt("p"));
    }

    @Test
    void limitsCountFiringsOfOnePolicySinceATime() {
        submit(firing("k1", "p", PolicyMode.ENFORCE, T0, log("a")));
        submit(firing("k2", "p", PolicyMode.ENFORCE, T0.plusSeconds(60), log("a")));
        submit(firing("k3", "q", PolicyMode.ENFORCE, T0.plusSeconds(120), log("a")));

        assertEquals(2, outbox.countSince("p", T0));
        assertEquals(1, outbox.countSince("p", T0.plusSeconds(1)));
        assertEquals(Optional.of(T0.plusSeconds(60)), outbox.lastFiredAt("p"));
        assertEquals(Optional.empty(), outbox.lastFiredAt("nobody"));
    }

    @Test
    void recentFiringsComeNewestFirstWithTheirActions() {
        submit(firing("k1", "p", PolicyMode.ENFORCE, T0, log("a"), log("b")));
        submit(firing("k2", "p", PolicyMode.ENFORCE, T0.plusSeconds(60), log("c")));
        submit(firing("k3", "p", PolicyMode.ENFORCE, T0.plusSeconds(120)));

        List<FiringRecord> recent = outbox.recent("p", 2);
        assertEquals(List.of("k3", "k2"), recent.stream().map(FiringRecord::key).toList());
        assertEquals(List.of(), recent.get(0).actions());
        assertEquals(List.of("k2#0"), recent.get(1).actions().stream().map(ActionRecord::id).toList());
        assertEquals(2, outbox.recent("p", 5).get(2).actions().size());
    }

    @Test
    void aPolicyHasUnfinishedActionsUntilAllAreDone() {
        submit(firing("k1", "p", PolicyMode.ENFORCE, T0, log("a")));
        assertTrue(outbox.hasUnfinishedActions("p", EVENT));

        ActionRecord action = store.due(T0, "me", 10).get(0);
        assertEquals(1, store.start(List.of(action), "me", T0).size());
        assertTrue(outbox.hasUnfinishedActions("p", EVENT));
        assertEquals(1, store.finish(Map.of(action.id(), JSON.createObjectNode().put("logged", true)), T0));
        assertFalse(outbox.hasUnfinishedActions("p", EVENT));
        assertEquals(ActionState.DONE, store.action("k1#0").orElseThrow().state());
        assertTrue(store.action("k1#0").orElseThrow().result().get("logged").asBoolean());
    }

    @Test
    void unfinishedActionsAreCountedPerTrigger() {
        submit(tick("k1", "p", HOURLY, T0, log("a")));

        assertTrue(outbox.hasUnfinishedActions("p", HOURLY));
        assertFalse(outbox.hasUnfinishedActions("p", EVENT));
    }

    @Test
    void replaceCancelsThePendingActionsOfTheTriggersEarlierFiringsAndLeavesRunningOnes() {
        submit(tick("k1", "p", HOURLY, T0, log("a"), log("b")));
        submit(tick("other-trigger", "p", "schedule:30 * * * *", T0, log("a")));
        submit(tick("other-policy", "q", HOURLY, T0, log("a")));
        ActionRecord first = store.action("k1#0").orElseThrow();
        assertEquals(1, store.start(List.of(first), "me", T0).size());

        assertTrue(outbox.replace(tick("k2", "p", HOURLY, T0.plusSeconds(3600), log("c"))));

        assertEquals(ActionState.RUNNING, store.action("k1#0").orElseThrow().state());
        ActionRecord withdrawn = store.action("k1#1").orElseThrow();
        assertEquals(ActionState.CANCELLED, withdrawn.state());
        assertEquals("k2", withdrawn.result().path("replacedBy").asText());
        assertEquals("replaced by firing k2", withdrawn.result().path("reason").asText());
        assertEquals(ActionState.PENDING, store.action("k2#0").orElseThrow().state());
        assertEquals(ActionState.PENDING, store.action("other-trigger#0").orElseThrow().state());
        assertEquals(ActionState.PENDING, store.action("other-policy#0").orElseThrow().state());
        assertEquals(List.of("k2#0", "other-policy#0", "other-trigger#0"),
                store.due(T0.plusSeconds(3600), "me", 10).stream().map(ActionRecord::id).sorted().toList());
        assertEquals(List.of(withdrawn.id()),
                store.actions(ActionState.CANCELLED, "p", null, 10).items().stream().map(ActionRecord::id).toList());
    }

    @Test
    void firingsOfOneTickDoNotReplaceEachOther() {
        outbox.replace(tick("run-a", "p", HOURLY, T0, log("a")));
        outbox.replace(tick("run-b", "p", HOURLY, T0, log("b")));

        assertEquals(ActionState.PENDING, store.action("run-a#0").orElseThrow().state());
        assertEquals(ActionState.PENDING, store.action("run-b#0").orElseThrow().state());
    }

    @Test
    void aReplacingFiringWithAKeySeenBeforeWithdrawsNothing() {
        submit(tick("k1", "p", HOURLY, T0, log("a")));
        submit(tick("k2", "p", HOURLY, T0.plusSeconds(3600), log("b")));

        assertFalse(outbox.replace(tick("k2", "p", HOURLY, T0.plusSeconds(3600), log("b"))));

        assertEquals(ActionState.PENDING, store.action("k1#0").orElseThrow().state());
        assertEquals(ActionState.PENDING, store.action("k2#0").orElseThrow().state());
        assertEquals(List.of(), store.actions(ActionState.CANCELLED, "p", null, 10).items());
    }
}
