package io.launchpilot.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.store.Event;
import io.launchpilot.store.NewEvent;
import io.launchpilot.store.Store;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger over REST: pages with a cursor, filters, problem+json for bad parameters, and the SSE stream. */
@QuarkusTest
class EventsResourceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Store store;

    @TestHTTPResource("/api/v1/events/stream")
    URI stream;

    String prefix;

    @BeforeEach
    void prefix() {
        prefix = "rest-" + UUID.randomUUID().toString().substring(0, 8);
    }

    List<Event> append(String... typesAndNames) {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < typesAndNames.length; i += 2) {
            events.add(new NewEvent(typesAndNames[i], prefix + "/vision/" + typesAndNames[i + 1], "test",
                    JSON.createObjectNode().put("run", typesAndNames[i + 1]).put("to", "finished")));
        }
        return store.transaction(tx -> tx.append(events, Instant.parse("2030-01-01T00:00:00Z")));
    }

    @Test
    void pagesThroughEventsWithTheNextCursor() {
        List<Event> events = append("run.created", "a", "run.state_changed", "a", "run.created", "b");
        String next = given().queryParam("subject", prefix + "/*").queryParam("limit", 2)
                .get("/api/v1/events").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].id", equalTo((int) events.get(0).id()))
                .body("items[0].type", equalTo("run.created"))
                .body("items[0].subject", equalTo(prefix + "/vision/a"))
                .body("items[0].source", equalTo("test"))
                .body("items[0].observedAt", equalTo("2030-01-01T00:00:00Z"))
                .body("items[0].payload.run", equalTo("a"))
                .body("next", equalTo(String.valueOf(events.get(1).id())))
                .extract().path("next");
        given().queryParam("subject", prefix + "/*").queryParam("limit", 2).queryParam("after", next)
                .get("/api/v1/events").then().statusCode(200)
                .body("items.subject", contains(prefix + "/vision/b"))
                .body("next", nullValue());
    }

    @Test
    void filtersByTypeAndReadsNewestFirst() {
        append("run.created", "a", "run.state_changed", "a", "sweep.created", "s", "run.created", "b");
        given().queryParam("subject", prefix + "/*").queryParam("type", "run.created").get("/api/v1/events")
                .then().statusCode(200).body("items.payload.run", contains("a", "b"));
        given().queryParam("subject", prefix + "/*").queryParam("type", "run.*").queryParam("order", "desc")
                .get("/api/v1/events").then().statusCode(200).body("items.payload.run", contains("b", "a", "a"));
    }

    @Test
    void badParametersAreProblems() {
        given().queryParam("limit", 0).get("/api/v1/events").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("limit must be 1 to 1000"));
        given().queryParam("after", "abc").get("/api/v1/events").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("not an event cursor"));
        given().queryParam("order", "sideways").get("/api/v1/events").then().statusCode(400)
                .body("title", equalTo("Bad Request"));
    }

    @Test
    void theStreamSendsNewEventsAndResumesAfterTheLastOne() throws Exception {
        long start = append("run.created", "before").get(0).id();
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(stream + "?subject=" + prefix + "/*");
        // after= pins the start, so it does not matter whether the appends land before the stream connects
        CompletableFuture<List<JsonNode>> received = CompletableFuture.supplyAsync(() -> read(http,
                HttpRequest.newBuilder(URI.create(uri + "&after=" + start)).header("Accept", "text/event-stream")
                        .build(), 2));
        append("run.created", "x", "run.state_changed", "x");
        List<JsonNode> first = received.get(20, TimeUnit.SECONDS);
        assertEquals(List.of("x", "x"), first.stream().map(event -> event.get("payload").get("run").asText()).toList());
        assertTrue(first.get(0).get("id").asLong() > start, "only events after the cursor");

        // a client that reconnects with Last-Event-ID gets what it missed
        append("run.created", "y");
        List<JsonNode> resumed = CompletableFuture.supplyAsync(() -> read(http, HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", first.get(0).get("id").asText()).build(), 2)).get(20, TimeUnit.SECONDS);
        assertEquals(List.of("run.state_changed", "run.created"),
                resumed.stream().map(event -> event.get("type").asText()).toList());
    }

    /** Reads {@code count} events from a server-sent event stream, then closes it. */
    static List<JsonNode> read(HttpClient http, HttpRequest request, int count) {
        List<JsonNode> events = new ArrayList<>();
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
            try (Stream<String> lines = response.body()) {
                Iterator<String> input = lines.iterator();
                String id = null;
                String name = null;
                while (events.size() < count && input.hasNext()) {
                    String line = input.next();
                    if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        JsonNode event = JSON.readTree(line.substring(5).strip());
                        assertEquals(event.get("id").asText(), id, "the SSE id is the event id");
                        assertEquals(event.get("type").asText(), name, "the SSE event name is the type");
                        events.add(event);
                    }
                }
            }
            return events;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
