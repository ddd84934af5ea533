package io.launchpilot.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The action outbox's tables: firings and their actions. Every change of an action is a conditional
 * update on the state it was read in, so two executors (or an executor and a person retrying by hand)
 * never both move the same action. Which action runs when is decided by the caller ({@code policy.action}).
 */
@ApplicationScoped
public class OutboxStore {

    private static final String DUPLICATE_KEY = "23505";
    private static final int MAX_ERROR_LENGTH = 2000;
    /** Keys per {@code IN (...)} list when checking which firings are recorded: well inside every driver's limit. */
    private static final int KEYS_PER_QUERY = 500;
    private static final String ACTION_COLUMNS = "a.id, a.firing_key, a.action_index, a.policy, f.trigger_name, "
            + "f.subject, f.event_id, a.type, a.params, a.state, a.attempts, a.next_attempt_at, a.first_attempt_at, "
            + "a.last_error, a.result, a.fired_at, a.created_at, a.updated_at, a.seq";
    private static final String ACTION_FROM = " FROM outbox_action a JOIN outbox_firing f ON f.firing_key = a.firing_key";

    private final Store store;

    public OutboxStore(Store store) {
        this.store = store;
    }

    /**
     * Writes the firings and their actions in one transaction: a page of events' firings costs one
     * commit, not one each. A firing whose key was recorded before (or comes twice in the list) is left out.
     *
     * @return the keys of the firings written, in the order given
     */
    public List<String> record(List<NewFiring> firings, Instant now) {
        return retriedOnDuplicate(() -> store.transaction(tx -> {
            List<NewFiring> fresh = unrecorded(tx.connection(), firings);
            insert(tx.connection(), fresh, Store.timestamp(now));
            return fresh.stream().map(NewFiring::key).toList();
        }));
    }

    /**
     * Withdraws the pending actions of the firings of the same policy and trigger recorded before this
     * one (to {@code cancelled}, the result naming this firing's key), then writes this firing and its
     * actions, all in one transaction. Running actions are left alone: their effect may be under way.
     *
     * @return how many actions were withdrawn; empty, changing nothing, when a firing with this key exists
     */
    public OptionalInt recordReplacing(NewFiring firing, Instant now) {
        return retriedOnDuplicate(() -> store.transaction(tx -> {
            if (unrecorded(tx.connection(), List.of(firing)).isEmpty()) {
                return OptionalInt.empty();
            }
            OffsetDateTime time = Store.timestamp(now);
            int withdrawn = withdrawEarlier(tx.connection(), firing, time);
            insert(tx.connection(), List.of(firing), time);
            return OptionalInt.of(withdrawn);
        }));
    }

    /**
     * Runs a recording transaction again, once, when another writer committed one of its keys between
     * its check and its insert (a leader's round still finishing as the next leader starts): the second
     * attempt sees that key as recorded.
     */
    private static <T> T retriedOnDuplicate(Supplier<T> recording) {
        try {
            return recording.get();
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql && duplicateKey(sql)) {
                return recording.get();
            }
            throw e;
        }
    }

    /** The firings of the list whose keys are not in the outbox yet, each once. */
    private static List<NewFiring> unrecorded(Connection connection, List<NewFiring> firings) throws SQLException {
        Map<String, NewFiring> byKey = new LinkedHashMap<>();
        firings.forEach(firing -> byKey.putIfAbsent(firing.key(), firing));
        List<String> keys = new ArrayList<>(byKey.keySet());
        for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY));
            try (PreparedStatement select = connection.prepareStatement("SELECT firing_key FROM outbox_firing "
                    + "WHERE firing_key IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        byKey.remove(rs.getString(1));
                    }
                }
            }
        }
        return List.copyOf(byKey.values());
    }

    private static void insert(Connection connection, List<NewFiring> firings, OffsetDateTime time)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox_firing "
                + "(firing_key, policy, trigger_name, subject, event_id, mode, fired_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (NewFiring firing : firings) {
                insert.setString(1, firing.key());
                insert.setString(2, firing.policy());
                insert.setString(3, firing.trigger());
                insert.setString(4, firing.subject());
                insert.setObject(5, firing.eventId());
                insert.setString(6, firing.mode());
                insert.setObject(7, Store.timestamp(firing.firedAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox_action "
                + "(id, firing_key, action_index, policy, type, params, state, attempts, next_attempt_at, "
                + "fired_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)")) {
            for (NewFiring firing : firings) {
                for (int i = 0; i < firing.actions().size(); i++) {
                    NewFiring.Action action = firing.actions().get(i);
                    insert.setString(1, actionId(firing.key(), i));
                    insert.setString(2, firing.key());
                    insert.setInt(3, i);
                    insert.setString(4, firing.policy());
                    insert.setString(5, action.type());
                    insert.setString(6, Store.write(action.params()));
                    insert.setString(7, action.state().wire());
                    insert.setObject(8, action.nextAttemptAt() == null ? null : Store.timestamp(action.nextAttemptAt()));
                    insert.setObject(9, Store.timestamp(firing.firedAt()));
                    insert.setObject(10, time);
                    insert.setObject(11, time);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /**
     * Cancels the pending actions of the policy's and trigger's firings from before {@code firing}. The
     * conditional update on {@code pending} means an executor that started one first keeps it. "Before"
     * is a strictly earlier firing time: the firings of one tick (one per run of a scoped schedule) share
     * theirs, so they do not withdraw each other.
     */
    private static int withdrawEarlier(Connection connection, NewFiring firing, OffsetDateTime now)
            throws SQLException {
        ObjectNode reason = Store.JSON.createObjectNode()
                .put("reason", "replaced by firing " + firing.key())
                .put("replacedBy", firing.key());
        try (PreparedStatement cancel = connection.prepareStatement("UPDATE outbox_action SET state = 'cancelled', "
                + "result = ?, next_attempt_at = NULL, updated_at = ? WHERE state = 'pending' AND firing_key IN "
                + "(SELECT firing_key FROM outbox_firing WHERE policy = ? AND trigger_name = ? AND fired_at < ?)")) {
            cancel.setString(1, Store.write(reason));
            cancel.setObject(2, now);
            cancel.setString(3, firing.policy());
            cancel.setString(4, firing.trigger());
            cancel.setObject(5, Store.timestamp(firing.firedAt()));
            return cancel.executeUpdate();
        }
    }

    /** The id of the action at {@code index} of a firing. */
    public static String actionId(String firingKey, int index) {
        return firingKey + "#" + index;
    }

    /** How many firings of the policy were recorded with a firing time at or after {@code since}. */
    public int countFiringsSince(String policy, Instant since) {
        int[] count = {0};
        read("SELECT COUNT(*) FROM outbox_firing WHERE policy = ? AND fired_at >= ?",
                List.of(policy, Store.timestamp(since)), rs -> count[0] = rs.getInt(1));
        return count[0];
    }

    /** The newest firing time of the policy, if it ever fired. */
    public Optional<Instant> lastFiredAt(String policy) {
        Instant[] last = {null};
        read("SELECT MAX(fired_at) FROM outbox_firing WHERE policy = ?", List.of(policy), rs -> {
            OffsetDateTime time = rs.getObject(1, OffsetDateTime.class);
            last[0] = time == null ? null : time.toInstant();
        });
        return Optional.ofNullable(last[0]);
    }

    /** Whether an action of a firing of the policy by this trigger is pending or running. */
    public boolean hasUnfinished(String policy, String trigger) {
        boolean[] found = {false};
        read("SELECT 1" + ACTION_FROM + " WHERE a.policy = ? AND f.trigger_name = ? "
                + "AND a.state IN ('pending', 'running') LIMIT 1", List.of(policy, trigger), rs -> found[0] = true);
        return found[0];
    }

    /** The newest {@code limit} firings of a policy, newest first, each with its actions. */
    public List<FiringRecord> recentFirings(String policy, int limit) {
        List<String[]> heads = new ArrayList<>();
        List<Object[]> rest = new ArrayList<>();
        read("SELECT firing_key, trigger_name, subject, event_id, mode, fired_at FROM outbox_firing WHERE policy = ? "
                + "ORDER BY fired_at DESC, firing_key LIMIT ?", List.of(policy, limit), rs -> {
                    heads.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(5)});
                    long eventId = rs.getLong(4);
                    rest.add(new Object[] {rs.wasNull() ? null : eventId, instant(rs, 6)});
                });
        Map<String, List<ActionRecord>> actions = new LinkedHashMap<>();
        if (!heads.isEmpty()) {
            List<Object> keys = new ArrayList<>();
            heads.forEach(head -> keys.add(head[0]));
            String marks = String.join(", ", Collections.nCopies(keys.size(), "?"));
            read("SELECT " + ACTION_COLUMNS + ACTION_FROM + " WHERE a.firing_key IN (" + marks + ") "
                    + "ORDER BY a.firing_key, a.action_index", keys,
                    rs -> actions.computeIfAbsent(rs.getString(2), key -> new ArrayList<>()).add(action(rs)));
        }
        List<FiringRecord> result = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            String[] head = heads.get(i);
            result.add(new FiringRecord(head[0], policy, head[1], head[2], (Long) rest.get(i)[0], head[3],
                    (Instant) rest.get(i)[1], actions.getOrDefault(head[0], List.of())));
        }
        return result;
    }

    /**
     * Actions ready to run, oldest due first: pending ones due at {@code now}, and running ones another
     * process started and never finished (in doubt), each only when every earlier action of its firing
     * is done.
     *
     * @param claimant who asks; the running actions it claimed are in flight, not in doubt
     */
    public List<ActionRecord> due(Instant now, String claimant, int limit) {
        List<ActionRecord> result = new ArrayList<>();
        read("SELECT " + ACTION_COLUMNS + ACTION_FROM
                + " WHERE ((a.state = 'pending' AND a.next_attempt_at <= ?)"
                + " OR (a.state = 'running' AND (a.claimed_by IS NULL OR a.claimed_by <> ?)))"
                + " AND NOT EXISTS (SELECT 1 FROM outbox_action b WHERE b.firing_key = a.firing_key"
                + " AND b.action_index < a.action_index AND b.state <> 'done')"
                + " ORDER BY a.next_attempt_at, a.seq LIMIT ?",
                List.of(Store.timestamp(now), claimant, limit), rs -> result.add(action(rs)));
        return result;
    }

    /**
     * Records the intent: each action moves from the state it was read in to {@code running}, one more
     * attempt, claimed by {@code claimant}; all in one transaction, committed before anything is sent.
     *
     * @return the actions started; one that someone else moved first is left out
     */
    public List<ActionRecord> start(List<ActionRecord> actions, String claimant, Instant now) {
        OffsetDateTime time = Store.timestamp(now);
        int[] counts = batch("UPDATE outbox_action SET state = 'running', attempts = attempts + 1, claimed_by = ?, "
                + "first_attempt_at = COALESCE(first_attempt_at, ?), updated_at = ? "
                + "WHERE id = ? AND state = ? AND attempts = ?", actions.stream().map(action -> List.<Object>of(
                        claimant, time, time, action.id(), action.state().wire(), action.attempts())).toList());
        List<ActionRecord> started = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            if (counts[i] == 1) {
                started.add(actions.get(i));
            }
        }
        return started;
    }

    /**
     * The attempts worked: each action (by id) {@code running} to {@code done}, with what its effect was;
     * one transaction.
     *
     * @return how many were running and are now done
     */
    public int finish(Map<String, JsonNode> results, Instant now) {
        OffsetDateTime time = Store.timestamp(now);
        return Arrays.stream(batch("UPDATE outbox_action SET state = 'done', result = ?, last_error = NULL, claimed_by = NULL, "
                + "next_attempt_at = NULL, updated_at = ? WHERE id = ? AND state = 'running'",
                results.entrySet().stream().map(done -> Arrays.<Object>asList(
                        done.getValue() == null ? null : Store.write(done.getValue()), time, done.getKey())).toList()))
                .sum();
    }

    /** The attempt failed and another one comes at {@code nextAttemptAt}: {@code running} to {@code pending}. */
    public boolean postpone(String id, String error, Instant nextAttemptAt, Instant now) {
        return update("UPDATE outbox_action SET state = 'pending', last_error = ?, next_attempt_at = ?, "
                + "claimed_by = NULL, updated_at = ? WHERE id = ? AND state = 'running'",
                truncate(error), Store.timestamp(nextAttemptAt), Store.timestamp(now), id);
    }

    /** The attempt failed for good: {@code running} to {@code failed} or {@code dead}. */
    public boolean giveUp(String id, ActionState state, String error, Instant now) {
        if (state != ActionState.FAILED && state != ActionState.DEAD) {
            throw new IllegalArgumentException("an action gives up as failed or dead, not " + state.wire());
        }
        return update("UPDATE outbox_action SET state = ?, last_error = ?, claimed_by = NULL, next_attempt_at = NULL, "
                + "updated_at = ? WHERE id = ? AND state = 'running'", state.wire(), truncate(error), Store.timestamp(now), id);
    }

    /**
     * A person asks for another go: {@code failed} or {@code dead} to {@code pending}, due now, attempts
     * from 0. The last error stays until the next attempt, as a record of why it stopped.
     *
     * @return false when the action is in neither state
     */
    public boolean retry(String id, Instant now) {
        return update("UPDATE outbox_action SET state = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ? "
                + "WHERE id = ? AND state IN ('failed', 'dead')", Store.timestamp(now), Store.timestamp(now), id);
    }

    /** One action, or empty if there is none with this id. */
    public Optional<ActionRecord> action(String id) {
        ActionRecord[] found = {null};
        read("SELECT " + ACTION_COLUMNS + ACTION_FROM + " WHERE a.id = ?", List.of(id), rs -> found[0] = action(rs));
        return Optional.ofNullable(found[0]);
    }

    /**
     * A page of actions, newest first.
     *
     * @param state only actions in this state; null for all
     * @param policy only actions of this policy; null for all
     * @param before the {@code next} cursor of the previous page; null for the newest
     */
    public ActionPage actions(ActionState state, String policy, Long before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + ACTION_COLUMNS + ACTION_FROM + " WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (state != null) {
            sql.append(" AND a.state = ?");
            parameters.add(state.wire());
        }
        if (policy != null) {
            sql.append(" AND a.policy = ?");
            parameters.add(policy);
        }
        if (before != null) {
            sql.append(" AND a.seq < ?");
            parameters.add(before);
        }
        sql.append(" ORDER BY a.seq DESC LIMIT ?");
        parameters.add(limit);
        List<ActionRecord> items = new ArrayList<>();
        long[] lastSeq = {0};
        read(sql.toString(), parameters, rs -> {
            items.add(action(rs));
            lastSeq[0] = rs.getLong(19);
        });
        return new ActionPage(items, items.size() == limit ? String.valueOf(lastSeq[0]) : null);
    }

    /** The states {@link #depth()} counts: unfinished or stuck (done, audit and cancelled only ever grow). */
    public static final List<ActionState> DEPTH_STATES = List.of(ActionState.PENDING, ActionState.RUNNING,
            ActionState.FAILED, ActionState.DEAD);

    /** How many actions are in each unfinished or stuck state ({@link #DEPTH_STATES}). */
    public Map<ActionState, Long> depth() {
        Map<ActionState, Long> result = new EnumMap<>(ActionState.class);
        for (ActionState state : DEPTH_STATES) {
            result.put(state, 0L);
        }
        String marks = String.join(", ", Collections.nCopies(DEPTH_STATES.size(), "?"));
        read("SELECT state, COUNT(*) FROM outbox_action WHERE state IN (" + marks + ") GROUP BY state",
                DEPTH_STATES.stream().map(state -> (Object) state.wire()).toList(),
                rs -> result.put(ActionState.of(rs.getString(1)), rs.getLong(2)));
        return result;
    }

    private boolean update(String sql, Object... parameters) {
        return store.transaction(tx -> {
            try (PreparedStatement statement = tx.connection().prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                return statement.executeUpdate() == 1;
            }
        });
    }

    /** One statement run once per parameter list, in one transaction; the count of rows each changed. */
    private int[] batch(String sql, List<List<Object>> parameterLists) {
        if (parameterLists.isEmpty()) {
            return new int[0];
        }
        return store.transaction(tx -> {
            try (PreparedStatement statement = tx.connection().prepareStatement(sql)) {
                for (List<Object> parameters : parameterLists) {
                    for (int i = 0; i < parameters.size(); i++) {
                        statement.setObject(i + 1, parameters.get(i));
                    }
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
    }

    private void read(String sql, List<Object> parameters, Store.Rows rows) {
        store.read(sql, parameters, rows);
    }

    private static ActionRecord action(ResultSet rs) throws SQLException {
        long eventId = rs.getLong(7);
        Long event = rs.wasNull() ? null : eventId;
        return new ActionRecord(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), event, rs.getString(8), json(rs.getString(9)), ActionState.of(rs.getString(10)),
                rs.getInt(11), instant(rs, 12), instant(rs, 13), rs.getString(14), json(rs.getString(15)),
                instant(rs, 16), instant(rs, 17), instant(rs, 18));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Store.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the outbox holds a value that is not JSON", e);
        }
    }

    private static String truncate(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    private static boolean duplicateKey(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (DUPLICATE_KEY.equals(next.getSQLState())) {
                return true;
            }
        }
        return e.getCause() instanceof SQLException cause && DUPLICATE_KEY.equals(cause.getSQLState());
    }
}
