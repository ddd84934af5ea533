package io.launchpilot.watch;

/** The types of the events the watcher records. */
public final class EventTypes {

    public static final String RUN_CREATED = "run.created";
    public static final String RUN_STATE_CHANGED = "run.state_changed";
    public static final String RUN_SUMMARY_CHANGED = "run.summary_changed";
    public static final String SWEEP_CREATED = "sweep.created";
    public static final String SWEEP_STATE_CHANGED = "sweep.state_changed";
    public static final String SWEEP_BEST_CHANGED = "sweep.best_changed";
    public static final String QUEUE_ITEM_ADDED = "queue.item_added";
    public static final String QUEUE_ITEM_STATE_CHANGED = "queue.item_state_changed";

    /** The {@code source} of every event the watcher records. */
    public static final String SOURCE = "watch";

    private EventTypes() {
    }
}
