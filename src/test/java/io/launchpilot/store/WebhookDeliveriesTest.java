package io.launchpilot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replay refusal in the store, on H2 and on PostgreSQL, by one replica and across two. */
class WebhookDeliveriesTest {

    static final Instant T0 = Instant.parse("2031-01-01T00:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(10);

    static List<Supplier<DataSource>> databases() {
        return List.of(TestDatabases::h2, TestDatabases::postgres);
    }

    /** What the webhook inbox does: check, append, record, in one transaction. */
    static long receive(Store store, String key, Instant now) {
        WebhookDeliveries deliveries = new WebhookDeliveries(store);
        return store.transaction(tx -> {
            deliveries.checkNew(tx, "wandb", key, now.minus(WINDOW));
            long id = tx.append(List.of(new NewEvent("webhook.received", "s", "webhook",
                    JsonNodeFactory.instance.objectNode())), now).get(0).id();
            deliveries.record(tx, "wandb", key, now, id);
            return id;
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aReplayWithinTheWindowIsRefusedByEveryReplicaAndForgottenAfterIt(Supplier<DataSource> database) {
        DataSource dataSource = TestDatabases.migrated(database.get());
        Store replicaA = new Store(dataSource);
        Store replicaB = new Store(dataSource);
        long first = receive(replicaA, "k1", T0);
        DuplicateDeliveryException replay = assertThrows(DuplicateDeliveryException.class,
                () -> receive(replicaB, "k1", T0.plus(WINDOW).minusMillis(1)));
        assertEquals(OptionalLong.of(first), replay.eventId());
        assertEquals(first, replicaA.lastEventId(), "the refused replay appended nothing");
        receive(replicaB, "k2", T0);
        long again = receive(replicaB, "k1", T0.plus(WINDOW).plusMillis(1));
        assertEquals(first + 2, again);
        assertEquals(2, new WebhookDeliveries(replicaA).count());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRaceBetweenTwoTransactionsLeavesOneDelivery(Supplier<DataSource> database) {
        DataSource dataSource = TestDatabases.migrated(database.get());
        Store store = new Store(dataSource);
        WebhookDeliveries deliveries = new WebhookDeliveries(store);
        // the twin committed between this transaction's check and its insert
        assertThrows(DuplicateDeliveryException.class, () -> store.transaction(tx -> {
            deliveries.checkNew(tx, "wandb", "k", T0.minus(WINDOW));
            receive(store, "k", T0);
            deliveries.record(tx, "wandb", "k", T0, 99);
            return null;
        }));
        assertEquals(1, deliveries.count());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void prunesWhatIsPastTheWindow(Supplier<DataSource> database) {
        Store store = new Store(TestDatabases.migrated(database.get()));
        receive(store, "old", T0);
        receive(store, "new", T0.plus(WINDOW));
        WebhookDeliveries deliveries = new WebhookDeliveries(store);
        assertEquals(1, deliveries.deleteBefore(T0.plusMillis(1)));
        assertEquals(1, deliveries.count());
    }
}
