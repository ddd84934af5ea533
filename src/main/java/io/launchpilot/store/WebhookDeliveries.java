package io.launchpilot.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.OptionalLong;

/**
 * Recently received webhook deliveries, keyed by source and delivery key, so that a replay is refused
 * by every replica: the table's primary key settles a race between two replicas receiving the same
 * delivery at once.
 */
@ApplicationScoped
public class WebhookDeliveries {

    private static final String DUPLICATE_KEY = "23505";

    private final Store store;

    WebhookDeliveries(Store store) {
        this.store = store;
    }

    /**
     * Refuses a delivery already recorded at or after {@code notBefore}; forgets an older record of the
     * same key. Call it first in the transaction that appends the delivery's event.
     *
     * @throws DuplicateDeliveryException when the delivery was recorded within the window
     */
    public void checkNew(StoreTransaction tx, String source, String key, Instant notBefore) throws SQLException {
        try (PreparedStatement select = tx.connection().prepareStatement(
                "SELECT event_id, received_at FROM webhook_delivery WHERE source = ? AND delivery_key = ?")) {
            select.setString(1, source);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                long eventId = rs.getLong(1);
                Instant receivedAt = rs.getObject(2, OffsetDateTime.class).toInstant();
                if (!receivedAt.isBefore(notBefore)) {
                    throw new DuplicateDeliveryException(source, OptionalLong.of(eventId));
                }
            }
        }
        try (PreparedStatement delete = tx.connection().prepareStatement(
                "DELETE FROM webhook_delivery WHERE source = ? AND delivery_key = ? AND received_at < ?")) {
            delete.setString(1, source);
            delete.setString(2, key);
            delete.setObject(3, Store.timestamp(notBefore));
            delete.executeUpdate();
        }
    }

    /**
     * Records a delivery and the event it became.
     *
     * @throws DuplicateDeliveryException when another transaction recorded the same key meanwhile
     */
    public void record(StoreTransaction tx, String source, String key, Instant receivedAt, long eventId)
            throws SQLException {
        try (PreparedStatement insert = tx.connection().prepareStatement(
                "INSERT INTO webhook_delivery (source, delivery_key, received_at, event_id) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, source);
            insert.setString(2, key);
            insert.setObject(3, Store.timestamp(receivedAt));
            insert.setLong(4, eventId);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
                throw new DuplicateDeliveryException(source, OptionalLong.empty());
            }
            throw e;
        }
    }

    /** Forgets deliveries received before {@code cutoff}; returns how many. */
    public int deleteBefore(Instant cutoff) {
        return store.transaction(tx -> {
            try (PreparedStatement delete = tx.connection().prepareStatement(
                    "DELETE FROM webhook_delivery WHERE received_at < ?")) {
                delete.setObject(1, Store.timestamp(cutoff));
                return delete.executeUpdate();
            }
        });
    }

    /** How many deliveries are remembered; for tests and diagnostics. */
    public long count() {
        return store.transaction(tx -> {
            try (PreparedStatement count = tx.connection().prepareStatement("SELECT COUNT(*) FROM webhook_delivery");
                    ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
