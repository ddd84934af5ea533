package io.launchpilot.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.store.Event;
import io.launchpilot.store.EventPage;
import io.launchpilot.store.EventQuery;
import io.launchpilot.store.Store;
import io.vertx.core.Vertx;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.logging.Logger;

/**
 * The event ledger: a page at a time ({@code GET /api/v1/events}) or as a live stream of server-sent
 * events ({@code GET /api/v1/events/stream}). Both read the store, so a stream sees the events every
 * replica writes, and resumes where it stopped with {@code Last-Event-ID}.
 */
@Path("/api/v1/events")
public class EventsResource {

    static final long STREAM_POLL_MILLIS = 500;
    static final long KEEP_ALIVE_MILLIS = 15_000;
    private static final int STREAM_BATCH = 200;
    private static final Logger LOG = Logger.getLogger(EventsResource.class);

    private final Store store;
    private final ObjectMapper json;
    private final Vertx vertx;

    EventsResource(Store store, ObjectMapper json, Vertx vertx) {
        this.store = store;
        this.json = json;
        this.vertx = vertx;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A page of events, oldest first (or newest first with order=desc)")
    public EventPage list(
            @Parameter(description = "Event type, or a prefix ending with * (run.*)") @QueryParam("type") String type,
            @Parameter(description = "Subject, or a prefix ending with * (acme/vision/*)") @QueryParam("subject") String subject,
            @Parameter(description = "The 'next' cursor of the previous page") @QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("100") int limit,
            @Parameter(description = "asc (default) or desc") @QueryParam("order") @DefaultValue("asc") String order) {
        if (limit < 1 || limit > EventQuery.MAX_LIMIT) {
            throw new BadRequestException("limit must be 1 to " + EventQuery.MAX_LIMIT + ", got " + limit);
        }
        boolean descending = switch (order) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw new BadRequestException("order must be asc or desc, got " + order);
        };
        return store.events(new EventQuery(type, subject, cursor("after", after), limit, descending));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Events as they are recorded, as server-sent events (id = event id, event = type)")
    public void stream(@QueryParam("type") String type, @QueryParam("subject") String subject,
            @Parameter(description = "Start after this event id; default: only events recorded from now on")
            @QueryParam("after") String after,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SseEventSink sink, @Context Sse sse) {
        Long resume = lastEventId != null && !lastEventId.isBlank()
                ? cursor("Last-Event-ID", lastEventId.strip())
                : cursor("after", after);
        long start = resume != null ? resume : store.lastEventId();
        new Stream(type, subject, start, sink, sse).start();
    }

    /** An event cursor: an event id. */
    private static Long cursor(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.strip());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " is not an event cursor: " + value);
        }
    }

    /** One subscriber: polls the ledger past the last event it sent, off the event loop. */
    private final class Stream {

        private final String type;
        private final String subject;
        private final AtomicLong last;
        private final SseEventSink sink;
        private final Sse sse;
        private final AtomicBoolean reading = new AtomicBoolean();
        private volatile long lastSentAt = System.currentTimeMillis();

        Stream(String type, String subject, long start, SseEventSink sink, Sse sse) {
            this.type = type;
            this.subject = subject;
            this.last = new AtomicLong(start);
            this.sink = sink;
            this.sse = sse;
        }

        void start() {
            // a first comment sends the headers, so clients know at once that the stream is open
            sink.send(sse.newEventBuilder().comment("events after " + last.get()).build());
            vertx.setPeriodic(STREAM_POLL_MILLIS, timer -> {
                if (sink.isClosed()) {
                    vertx.cancelTimer(timer);
                    return;
                }
                if (!reading.compareAndSet(false, true)) {
                    return;
                }
                vertx.executeBlocking(() -> store.events(new EventQuery(type, subject, last.get(), STREAM_BATCH, false)),
                        false).onComplete(result -> {
                            try {
                                if (result.succeeded()) {
                                    send(result.result().items());
                                } else {
                                    LOG.debugf("event stream could not read the ledger: %s", result.cause().getMessage());
                                }
                            } finally {
                                reading.set(false);
                            }
                        });
            });
        }

        private void send(List<Event> events) {
            if (sink.isClosed()) {
                return;
            }
            long now = System.currentTimeMillis();
            for (Event event : events) {
                sink.send(sse.newEventBuilder().id(String.valueOf(event.id())).name(event.type())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(write(event)).build());
                last.set(event.id());
                lastSentAt = now;
            }
            if (events.isEmpty() && now - lastSentAt >= KEEP_ALIVE_MILLIS) {
                sink.send(sse.newEventBuilder().comment("keep-alive").build());
                lastSentAt = now;
            }
        }

        private String write(Event event) {
            try {
                return json.writeValueAsString(event);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
