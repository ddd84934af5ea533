package io.launchpilot.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Launchpilot's durable state over JDBC: the append-only event ledger and the watchers' cursors and
 * snapshots. Writes happen in {@link #transaction}, so that events and the cursor that produced them
 * commit together or not at all. Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class Store {

    static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    @Inject
    public Store(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Work done in one transaction; throwing anything rolls it back. */
    @FunctionalInterface
    public interface Work<T> {
        T run(StoreTransaction tx) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction and commits it. A {@link SQLException} is rethrown as a
     * {@link StoreException}; anything else is rethrown as is, after the rollback.
     */
    public <T> T transaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(new StoreTransaction(connection));
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } finally {
                restore(connection, autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("store transaction failed: " + e.getMessage(), e);
        }
    }

    /** A page of the ledger. */
    public EventPage events(EventQuery query) {
        StringBuilder sql = new StringBuilder("SELECT id, type, subject, source, observed_at, payload FROM event WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (query.after() != null) {
            sql.append(query.descending() ? " AND id < ?" : " AND id > ?");
            parameters.add(query.after());
        }
        match(sql, parameters, "type", query.type());
        match(sql, parameters, "subject", query.subject());
        sql.append(query.descending() ? " ORDER BY id DESC" : " ORDER BY id ASC").append(" LIMIT ?");
        parameters.add(query.limit());
        List<Event> events = new ArrayList<>();
        read(sql.toString(), parameters, rs -> events.add(event(rs)));
        String next = events.size() == query.limit() ? String.valueOf(events.get(events.size() - 1).id()) : null;
        return new EventPage(events, next);
    }

    /** The id of the newest event, 0 when the ledger is empty. */
    public long lastEventId() {
        long[] last = {0};
        read("SELECT last_event_id FROM ledger_head WHERE id = 1", List.of(), rs -> last[0] = rs.getLong(1));
        return last[0];
    }

    /** Deletes the events observed before {@code cutoff}; returns how many. */
    public int deleteEventsBefore(Instant cutoff) {
        return transaction(tx -> {
            try (PreparedStatement statement = tx.connection().prepareStatement("DELETE FROM event WHERE observed_at < ?")) {
                statement.setObject(1, timestamp(cutoff));
                return statement.executeUpdate();
            }
        });
    }

    /** The cursor of a scope, or {@link Cursor#none} when it was never committed. */
    public Cursor cursor(String scope) {
        Cursor[] found = {Cursor.none(scope)};
        read("SELECT position, version FROM watch_cursor WHERE scope = ?", List.of(scope),
                rs -> found[0] = new Cursor(scope, rs.getString(1), rs.getLong(2)));
        return found[0];
    }

    /** The snapshots of a scope, by subject. */
    public Map<String, String> snapshots(String scope) {
        Map<String, String> result = new LinkedHashMap<>();
        read("SELECT subject, data FROM watch_snapshot WHERE scope = ? ORDER BY subject", List.of(scope),
                rs -> result.put(rs.getString(1), rs.getString(2)));
        return result;
    }

    /** Whether the store answers; for health checks. */
    public boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    @FunctionalInterface
    interface Rows {
        void each(ResultSet rs) throws SQLException;
    }

    void read(String sql, List<Object> parameters, Rows rows) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.each(rs);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("store read failed: " + e.getMessage(), e);
        }
    }

    /** {@code column = value}, or a prefix match for a value ending with {@code *}. */
    private static void match(StringBuilder sql, List<Object> parameters, String column, String value) {
        if (value == null) {
            return;
        }
        if (value.endsWith("*")) {
            String prefix = value.substring(0, value.length() - 1)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            sql.append(" AND ").append(column).append(" LIKE ? ESCAPE '\\'");
            parameters.add(prefix + "%");
        } else {
            sql.append(" AND ").append(column).append(" = ?");
            parameters.add(value);
        }
    }

    static Event event(ResultSet rs) throws SQLException {
        return new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant(), parse(rs.getString(6)));
    }

    /** Both databases keep microseconds; millisecond precision keeps what is written equal to what is read. */
    static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }

    static String write(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload cannot be written as JSON", e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the ledger holds a payload that is not JSON", e);
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restore(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException ignored) {
            // the pool validates the connection before it is used again
        }
    }
}
