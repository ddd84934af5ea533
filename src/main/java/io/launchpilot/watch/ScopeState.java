package io.launchpilot.watch;

import io.launchpilot.store.Cursor;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A scope's committed state as the watcher keeps it between polls: the cursor and every snapshot,
 * as in the store, and how many things changed in the last poll. Replaced after each commit.
 */
record ScopeState(Cursor cursor, Map<String, String> snapshots, int lastChanges) {

    ScopeState {
        snapshots = Map.copyOf(snapshots);
    }

    /** The state after a commit of {@code outcome} moved the cursor to {@code moved}. */
    ScopeState committed(Cursor moved, Watch.Outcome outcome) {
        Map<String, String> next = new HashMap<>(snapshots);
        next.putAll(outcome.snapshots());
        Set<String> forgotten = outcome.forgotten();
        forgotten.forEach(next::remove);
        return new ScopeState(moved, next, outcome.changes());
    }

    ScopeState withLastChanges(int changes) {
        return new ScopeState(cursor, snapshots, changes);
    }
}
