package io.launchpilot.mcp;

import io.launchpilot.store.EventPage;
import io.launchpilot.store.EventQuery;
import io.launchpilot.store.Store;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;

/** The event ledger for agents: what the watchers (and webhooks) recorded, as {@code GET /api/v1/events} reads it. */
@ToolErrors
public class EventTools {

    private final Store store;
    private final StoreAccess access;

    EventTools(Store store, StoreAccess access) {
        this.store = store;
        this.access = access;
    }

    @Tool(name = "list_events", structuredContent = true,
            description = "Read Launchpilot's event ledger: what it saw change in W&B (run.created, run.state_changed,"
                    + " run.summary_changed, sweep.created, sweep.state_changed, sweep.best_changed, queue.item_added,"
                    + " queue.item_state_changed, queue.drift_corrected, ...), each with id, type, subject"
                    + " (entity/project/run, entity/project/sweep or entity/queue/item), observedAt and payload."
                    + " Oldest first, or newest first with order desc. For the next page pass the result's next as after;"
                    + " next is null when there is nothing more for now.",
            annotations = @Annotations(title = "List events", readOnlyHint = true, destructiveHint = false,
                    idempotentHint = true, openWorldHint = false))
    public EventPage listEvents(
            @ToolArg(description = "Event type, or a prefix ending with *, e.g. run.state_changed or run.*.",
                    required = false) String type,
            @ToolArg(description = "Subject, or a prefix ending with *, e.g. acme/vision/* for one project.",
                    required = false) String subject,
            @ToolArg(description = "Read past this event id (the next of the previous page).", required = false)
            Long after,
            @ToolArg(description = "asc (oldest first, default) or desc (newest first).", defaultValue = "asc")
            String order,
            @ToolArg(description = ResultLimit.DESCRIPTION, defaultValue = "50") int limit) {
        ResultLimit.check(limit);
        access.require("the event ledger");
        boolean descending = switch (order == null ? "asc" : order.strip()) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw new ToolCallException("order must be asc or desc, got \"" + order + "\"");
        };
        if (after != null && after < 0) {
            throw new ToolCallException("after must be an event id (0 or more), got " + after);
        }
        return store.events(new EventQuery(type, subject, after, limit, descending));
    }
}
