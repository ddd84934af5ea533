package io.launchpilot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The writes of one {@link Store#transaction}: nothing is visible to others until it commits. */
public final class StoreTransaction {

    private static final String DUPLICATE_KEY = "23505";

    private final Connection connection;

    StoreTransaction(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /**
     * Appends events to the ledger, in order. Their ids are taken under the lock of the ledger's head
     * row, which other appending transactions wait for until this one ends, so ids grow in commit order.
     */
    public List<Event> append(List<NewEvent> events, Instant observedAt) throws SQLException {
        if (events.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement bump = connection.prepareStatement(
                "UPDATE ledger_head SET last_event_id = last_event_id + ? WHERE id = 1")) {
            bump.setLong(1, events.size());
            if (bump.executeUpdate() != 1) {
                throw new SQLException("the ledger head row is missing; was the schema migrated?");
            }
        }
        long last;
        try (Statement head = connection.createStatement();
                ResultSet rs = head.executeQuery("SELECT last_event_id FROM ledger_head WHERE id = 1")) {
            rs.next();
            last = rs.getLong(1);
        }
        OffsetDateTime time = Store.timestamp(observedAt);
        List<Event> appended = new ArrayList<>(events.size());
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO event (id, type, subject, source, observed_at, payload) VALUES (?, ?, ?, ?, ?, ?)")) {
            long id = last - events.size();
            for (NewEvent event : events) {
                id++;
                insert.setLong(1, id);
                insert.setString(2, event.type());
                insert.setString(3, event.subject());
                insert.setString(4, event.source());
                insert.setObject(5, time);
                insert.setString(6, Store.write(event.payload()));
                insert.addBatch();
                appended.add(new Event(id, event.type(), event.subject(), event.source(), time.toInstant(),
                        event.payload()));
            }
            insert.executeBatch();
        }
        return appended;
    }

    /**
     * Moves a scope's cursor from {@code expectedVersion} to the next version. Do it first in the
     * transaction: it locks the cursor row, so a second writer of the same scope waits, then fails.
     *
     * @throws CursorConflictException if the cursor is no longer at {@code expectedVersion}
     */
    public Cursor moveCursor(String scope, long expectedVersion, String position, Instant now) throws SQLException {
        if (expectedVersion == 0) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO watch_cursor (scope, position, version, updated_at) VALUES (?, ?, 1, ?)")) {
                insert.setString(1, scope);
                insert.setString(2, position);
                insert.setObject(3, Store.timestamp(now));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (DUPLICATE_KEY.equals(e.getSQLState())) {
                    throw new CursorConflictException(scope, expectedVersion);
                }
                throw e;
            }
            return new Cursor(scope, position, 1);
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE watch_cursor SET position = ?, version = version + 1, updated_at = ? WHERE scope = ? AND version = ?")) {
            update.setString(1, position);
            update.setObject(2, Store.timestamp(now));
            update.setString(3, scope);
            update.setLong(4, expectedVersion);
            if (update.executeUpdate() != 1) {
                throw new CursorConflictException(scope, expectedVersion);
            }
        }
        return new Cursor(scope, position, expectedVersion + 1);
    }

    /** Writes snapshots of a scope, replacing those of the same subjects. */
    public void putSnapshots(String scope, Map<String, String> snapshots) throws SQLException {
        if (snapshots.isEmpty()) {
            return;
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>(snapshots.entrySet());
        List<Map.Entry<String, String>> missing = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE watch_snapshot SET data = ? WHERE scope = ? AND subject = ?")) {
            for (Map.Entry<String, String> entry : entries) {
                update.setString(1, entry.getValue());
                update.setString(2, scope);
                update.setString(3, entry.getKey());
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    missing.add(entries.get(i));
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO watch_snapshot (scope, subject, data) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> entry : missing) {
                insert.setString(1, scope);
                insert.setString(2, entry.getKey());
                insert.setString(3, entry.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Forgets snapshots of a scope. */
    public void deleteSnapshots(String scope, Collection<String> subjects) throws SQLException {
        if (subjects.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM watch_snapshot WHERE scope = ? AND subject = ?")) {
            for (String subject : subjects) {
                delete.setString(1, scope);
                delete.setString(2, subject);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }
}
