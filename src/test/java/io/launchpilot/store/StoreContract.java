package io.launchpilot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the store promises, checked on each database it runs on (see the subclasses). */
abstract class StoreContract {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2030-01-01T12:00:00.123456789Z");

    Store store;

    abstract DataSource newDatabase();

    @BeforeEach
    void emptyStore() {
        store = new Store(TestDatabases.migrated(newDatabase()));
    }

    static NewEvent event(String type, String subject, int n) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("n", n);
        payload.putObject("nested").put("text", "é \"quoted\"");
        return new NewEvent(type, subject, "test", payload);
    }

    private List<Event> append(Instant at, NewEvent... events) {
        return store.transaction(tx -> tx.append(List.of(events), at));
    }

    @Test
    void appendedEventsReadBackWithIdsInOrder() {
        List<Event> appended = append(T0, event("run.created", "a/b/r1", 1), event("run.state_changed", "a/b/r1", 2));
        append(T0.plusSeconds(1), event("run.created", "a/b/r2", 3));

        List<Event> all = store.events(EventQuery.after(null, 10)).items();
        assertEquals(3, all.size());
        assertEquals(List.of(1L, 2L, 3L), all.stream().map(Event::id).toList());
        assertEquals(appended.get(0), all.get(0));
        assertEquals("é \"quoted\"", all.get(1).payload().get("nested").get("text").asText());
        assertEquals(Instant.parse("2030-01-01T12:00:00.123Z"), all.get(0).observedAt());
        assertEquals(3, store.lastEventId());
    }

    @Test
    void pagesForwardAndBackwardWithANextCursor() {
        for (int i = 1; i <= 5; i++) {
            append(T0, event("run.created", "a/b/r" + i, i));
        }
        EventPage first = store.events(EventQuery.after(null, 2));
        assertEquals(List.of(1L, 2L), ids(first));
        assertEquals("2", first.next());
        EventPage second = store.events(EventQuery.after(Long.parseLong(first.next()), 2));
        assertEquals(List.of(3L, 4L), ids(second));
        EventPage last = store.events(EventQuery.after(Long.parseLong(second.next()), 2));
        assertEquals(List.of(5L), ids(last));
        assertNull(last.next());

        EventPage newest = store.events(new EventQuery(null, null, null, 2, true));
        assertEquals(List.of(5L, 4L), ids(newest));
        assertEquals(List.of(3L, 2L), ids(store.events(new EventQuery(null, null, 4L, 2, true))));
    }

    @Test
    void filtersByTypeAndSubjectExactlyOrByPrefix() {
        append(T0, event("run.created", "a/b_c/r1", 1), event("run.state_changed", "a/b_c/r1", 2),
                event("sweep.created", "a/bxc/s1", 3), event("run.created", "a/b_c/r2", 4));

        assertEquals(List.of(1L, 4L), ids(store.events(new EventQuery("run.created", null, null, 10, false))));
        assertEquals(List.of(1L, 2L, 4L), ids(store.events(new EventQuery("run.*", null, null, 10, false))));
        assertEquals(List.of(1L, 2L), ids(store.events(new EventQuery(null, "a/b_c/r1", null, 10, false))));
        // '_' and '%' in a prefix are literal, not LIKE wildcards
        assertEquals(List.of(1L, 2L, 4L), ids(store.events(new EventQuery(null, "a/b_c/*", null, 10, false))));
        assertEquals(List.of(4L), ids(store.events(new EventQuery("run.created", "a/b_c/*", 1L, 10, false))));
        assertEquals(List.of(), ids(store.events(new EventQuery(null, "a/b%/*", null, 10, false))));
    }

    @Test
    void aTransactionThatFailsLeavesNothingBehind() {
        append(T0, event("run.created", "a/b/r0", 0));
        RuntimeException crash = assertThrows(IllegalStateException.class, () -> store.transaction(tx -> {
            tx.moveCursor("project:a/b", 0, "{\"p\":1}", T0);
            tx.append(List.of(event("run.created", "a/b/r1", 1)), T0);
            tx.putSnapshots("project:a/b", Map.of("run/r1", "{}"));
            throw new IllegalStateException("crash before commit");
        }));
        assertEquals("crash before commit", crash.getMessage());
        assertEquals(1, store.events(EventQuery.after(null, 10)).items().size());
        assertEquals(1, store.lastEventId());
        assertEquals(0, store.cursor("project:a/b").version());
        assertTrue(store.snapshots("project:a/b").isEmpty());

        // the ids the failed transaction took are free again
        assertEquals(2, append(T0, event("run.created", "a/b/r1", 1)).get(0).id());
    }

    @Test
    void theCursorMovesOnlyFromTheVersionItWasReadAt() {
        Cursor first = store.transaction(tx -> tx.moveCursor("s", 0, "one", T0));
        assertEquals(new Cursor("s", "one", 1), first);
        assertEquals(first, store.cursor("s"));

        assertThrows(CursorConflictException.class, () -> store.transaction(tx -> tx.moveCursor("s", 0, "again", T0)));
        assertThrows(CursorConflictException.class, () -> store.transaction(tx -> {
            tx.append(List.of(event("run.created", "a/b/r1", 1)), T0);
            return tx.moveCursor("s", 5, "stale", T0);
        }));
        assertEquals(0, store.lastEventId(), "events of a conflicting transaction are rolled back");

        Cursor second = store.transaction(tx -> tx.moveCursor("s", 1, "two", T0));
        assertEquals(new Cursor("s", "two", 2), second);
        assertEquals(Cursor.none("other"), store.cursor("other"));
    }

    @Test
    void snapshotsAreReplacedAndForgotten() {
        store.transaction(tx -> {
            tx.putSnapshots("s", Map.of("run/a", "1", "run/b", "2"));
            tx.putSnapshots("t", Map.of("run/a", "other scope"));
            return null;
        });
        store.transaction(tx -> {
            tx.putSnapshots("s", Map.of("run/a", "1b", "run/c", "3"));
            tx.deleteSnapshots("s", Set.of("run/b", "run/none"));
            return null;
        });
        assertEquals(Map.of("run/a", "1b", "run/c", "3"), store.snapshots("s"));
        assertEquals(Map.of("run/a", "other scope"), store.snapshots("t"));
    }

    @Test
    void retentionDeletesOnlyOlderEvents() {
        append(T0, event("run.created", "a/b/r1", 1));
        append(T0.plusSeconds(3600), event("run.created", "a/b/r2", 2));
        assertEquals(1, store.deleteEventsBefore(T0.plusSeconds(60)));
        assertEquals(List.of(2L), ids(store.events(EventQuery.after(null, 10))));
        assertEquals(2, store.lastEventId(), "ids are never reused");
    }

    @Test
    void concurrentAppendersGetIdsInCommitOrder() throws Exception {
        CountDownLatch firstAppended = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CompletableFuture<List<Event>> first = CompletableFuture.supplyAsync(() -> store.transaction(tx -> {
            List<Event> events = tx.append(List.of(event("run.created", "a/b/first", 1)), T0);
            firstAppended.countDown();
            await(releaseFirst);
            return events;
        }));
        assertTrue(firstAppended.await(10, TimeUnit.SECONDS));
        CompletableFuture<List<Event>> second = CompletableFuture.supplyAsync(() ->
                store.transaction(tx -> tx.append(List.of(event("run.created", "a/b/second", 2)), T0)));
        Thread.sleep(200);
        assertTrue(!second.isDone(), "the second appender waits for the first to end");
        assertEquals(List.of(), store.events(EventQuery.after(null, 10)).items(), "nothing is visible before commit");
        releaseFirst.countDown();

        long firstId = first.get(10, TimeUnit.SECONDS).get(0).id();
        long secondId = second.get(10, TimeUnit.SECONDS).get(0).id();
        assertTrue(firstId < secondId);
        assertEquals(List.of(firstId, secondId), ids(store.events(EventQuery.after(null, 10))));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<Long> ids(EventPage page) {
        List<Long> ids = new ArrayList<>();
        page.items().forEach(event -> ids.add(event.id()));
        return ids;
    }
}
