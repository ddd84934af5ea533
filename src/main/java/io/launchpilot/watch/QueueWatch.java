package io.launchpilot.watch;

import static io.launchpilot.watch.Snapshots.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.store.NewEvent;
import io.launchpilot.watch.Snapshots.ItemSnapshot;
import io.launchpilot.wandb.Page;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.RunQueueItem;
import io.launchpilot.wandb.WandbBatch;
import io.launchpilot.wandb.WandbBatch.Part;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One poll of a run queue: every item, compared with what was seen before. W&B has no order or
 * filter on queue items to read only what changed, so each poll reads the queue's items (a page of
 * {@code id state associatedRunId createdAt} per hundred). The first poll records a baseline.
 */
final class QueueWatch implements Watch {

    static final String ITEM = "item/";
    /** The cursor of a queue only says that its baseline was taken. */
    static final String POSITION = "{}";

    private final QueueRef queue;
    private final int pageSize;
    private final boolean baseline;
    private final Map<String, ItemSnapshot> items = new HashMap<>();

    private Part<Page<RunQueueItem>> part;
    private boolean paging = true;
    private String cursor;
    private boolean missing;
    private final Map<String, RunQueueItem> read = new LinkedHashMap<>();

    QueueWatch(QueueRef queue, ScopeState state, int pageSize) {
        this.queue = queue;
        this.pageSize = pageSize;
        this.baseline = state.cursor().version() == 0;
        state.snapshots().forEach((subject, json) -> {
            if (subject.startsWith(ITEM)) {
                items.put(subject.substring(ITEM.length()), Snapshots.read(json, ItemSnapshot.class));
            }
        });
    }

    /** How many items wait in the queue, and since when the oldest of them does. */
    record Backlog(int pending, Instant oldestPendingSince) {

        static final Backlog EMPTY = new Backlog(0, null);

        /** Seconds the oldest pending item has waited at {@code now}; 0 when none waits. */
        double oldestPendingAge(Instant now) {
            return oldestPendingSince == null ? 0 : Math.max(0, Duration.between(oldestPendingSince, now).toMillis() / 1000.0);
        }
    }

    static String scopeOf(QueueRef queue) {
        return "queue:" + queue.path();
    }

    @Override
    public String scope() {
        return scopeOf(queue);
    }

    QueueRef queue() {
        return queue;
    }

    /** The pending items among those this poll read (W&B's state {@code PENDING}). */
    Backlog backlog() {
        int pending = 0;
        Instant oldest = null;
        for (RunQueueItem item : read.values()) {
            if ("pending".equals(lower(item.state()))) {
                pending++;
                if (item.createdAt() != null && (oldest == null || item.createdAt().isBefore(oldest))) {
                    oldest = item.createdAt();
                }
            }
        }
        return new Backlog(pending, oldest);
    }

    @Override
    public void request(WandbBatch batch) {
        part = paging ? batch.queueItems(queue, cursor, pageSize) : null;
    }

    @Override
    public void receive() {
        if (part == null) {
            return;
        }
        Page<RunQueueItem> page;
        try {
            page = part.get();
        } catch (NoSuchElementException e) {
            missing = true;
            page = new Page<>(List.of(), null, false, null);
        }
        part = null;
        page.items().forEach(item -> read.put(item.id(), item));
        paging = page.hasNextPage() && page.nextCursor() != null && !page.items().isEmpty()
                && !page.nextCursor().equals(cursor);
        cursor = page.nextCursor();
    }

    @Override
    public boolean done() {
        return !paging;
    }

    @Override
    public Outcome outcome() {
        List<NewEvent> events = new ArrayList<>();
        Map<String, String> snapshots = new LinkedHashMap<>();
        Set<String> forgotten = new TreeSet<>();
        int changes = 0;
        for (RunQueueItem item : read.values()) {
            ItemSnapshot seen = items.get(item.id());
            ItemSnapshot now = new ItemSnapshot(lower(item.state()), item.associatedRunId());
            if (!baseline) {
                if (seen == null) {
                    events.add(itemAdded(item, now));
                } else if (!Objects.equals(seen.state(), now.state())) {
                    events.add(itemStateChanged(item, seen, now));
                }
            }
            if (!now.equals(seen)) {
                snapshots.put(ITEM + item.id(), Snapshots.write(now));
                changes++;
            }
        }
        // items leave the list when W&B drops them; there is nothing to tell about that
        items.keySet().stream().filter(id -> !read.containsKey(id)).forEach(id -> forgotten.add(ITEM + id));
        return new Outcome(events, snapshots, forgotten, POSITION, changes, missing);
    }

    private ObjectNode payload(RunQueueItem item, ItemSnapshot now) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("entity", queue.entity());
        payload.put("queue", queue.name());
        payload.put("item", item.id());
        payload.put("run", now.run());
        payload.put("createdAt", item.createdAt() == null ? null : item.createdAt().toString());
        return payload;
    }

    private NewEvent itemAdded(RunQueueItem item, ItemSnapshot now) {
        ObjectNode payload = payload(item, now);
        payload.put("state", now.state());
        return new NewEvent(EventTypes.QUEUE_ITEM_ADDED, subject(item), EventTypes.SOURCE, payload);
    }

    private NewEvent itemStateChanged(RunQueueItem item, ItemSnapshot seen, ItemSnapshot now) {
        ObjectNode payload = payload(item, now);
        payload.put("from", seen.state());
        payload.put("to", now.state());
        return new NewEvent(EventTypes.QUEUE_ITEM_STATE_CHANGED, subject(item), EventTypes.SOURCE, payload);
    }

    private String subject(RunQueueItem item) {
        return queue.path() + "/" + item.id();
    }

    private static String lower(String state) {
        return state == null ? null : state.toLowerCase(Locale.ROOT);
    }
}
