package io.launchpilot.watch;

import io.launchpilot.store.NewEvent;
import io.launchpilot.wandb.WandbBatch;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One poll of one scope (a project, a queue), read in rounds: each round the watcher asks every
 * unfinished watch for its reads, sends all of them as one request, then hands the results back.
 * Nothing is written until the poll is complete; then {@link #outcome()} is committed in one
 * transaction.
 */
interface Watch {

    /** The key of this scope's cursor and snapshots in the store. */
    String scope();

    /** Adds this round's reads. Calling it again before {@link #receive()} adds the same reads. */
    void request(WandbBatch batch);

    /** Takes the results of this round's reads; throws if a read failed. */
    void receive();

    /** True when nothing more needs to be read. */
    boolean done();

    /** What the poll found. Only once {@link #done()}. */
    Outcome outcome();

    /**
     * What a poll found.
     *
     * @param events what happened since the last poll, in order
     * @param snapshots new or changed snapshots, by subject
     * @param forgotten subjects whose snapshots go
     * @param position the new cursor position (the same text when it did not move)
     * @param changes how many things changed, to size the next poll's first page
     * @param missing the project or queue does not exist in W&B
     */
    record Outcome(List<NewEvent> events, Map<String, String> snapshots, Set<String> forgotten, String position,
            int changes, boolean missing) {
    }
}
