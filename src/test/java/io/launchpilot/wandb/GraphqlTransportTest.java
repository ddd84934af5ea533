package io.launchpilot.wandb;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.launchpilot.wandb.FakeGraphqlServer.Reply;
import io.launchpilot.wandb.WandbException.Kind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The transport against a scripted HTTP server: statuses, headers and bodies exactly as W&B could send them. */
class GraphqlTransportTest {

    static final String KEY = "local-0123456789abcdef0123456789abcdef01234567";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);
    private static final String RUN_DATA = "{\"project\": {\"run\": {\"id\": \"r\", \"name\": \"a1\"}}}";

    private static Vertx vertx;
    private FakeGraphqlServer server;
    private GraphqlTransport transport;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> logs = new CopyOnWriteArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logs.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close();
    }

    @BeforeEach
    void start() throws Exception {
        server = new FakeGraphqlServer(vertx, call -> Reply.data(RUN_DATA));
        Logger.getLogger("io.launchpilot.wandb").addHandler(logCapture);
    }

    @AfterEach
    void stop() throws Exception {
        Logger.getLogger("io.launchpilot.wandb").removeHandler(logCapture);
        if (transport != null) {
            transport.close();
        }
        server.close();
    }

    private GraphqlTransport transport(String baseUrl, int maxRetries, Duration timeout) {
        WandbEndpoint endpoint = new WandbEndpoint(baseUrl + "/", Optional.of(KEY), () -> 0);
        RetryPolicy policy = new RetryPolicy(maxRetries, Duration.ofSeconds(1), Duration.ofSeconds(60), CLOCK,
                () -> 0.5);
        transport = new GraphqlTransport(vertx, endpoint, timeout, policy, waits::add, meters);
        return transport;
    }

    private GraphqlTransport transport(int maxRetries) {
        return transport(server.url(), maxRetries, Duration.ofSeconds(10));
    }

    private JsonNode runQuery(GraphqlTransport transport) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("project", "vision");
        variables.put("entity", "demo");
        variables.put("name", "a1");
        variables.put("unused", null);
        return transport.execute(Operation.RUN, variables);
    }

    /** Answers the scripted replies in turn, then data. */
    private void script(Reply... replies) {
        AtomicInteger calls = new AtomicInteger();
        server.script(call -> {
            int index = calls.getAndIncrement();
            return index < replies.length ? replies[index] : Reply.data(RUN_DATA);
        });
    }

    private double counter(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void sendsTheDocumentWithBasicAuthOperationNameAndVariables() {
        JsonNode data = runQuery(transport(0));

        assertEquals("a1", data.path("project").path("run").path("name").asText());
        assertEquals(1, server.received.size());
        FakeGraphqlServer.Received call = server.received.get(0);
        assertEquals("Run", call.operationName());
        assertEquals(Operation.RUN.document(), call.query());
        assertEquals("vision", call.variables().path("project").asText());
        assertFalse(call.variables().has("unused"), "null variables are left out");
        String expected = "Basic " + Base64.getEncoder().encodeToString(("api:" + KEY).getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, call.headers().get("Authorization"));
        assertEquals(1.0, counter("launchpilot.wandb.requests", "operation", "Run", "outcome", "success"));
    }

    @Test
    void waitsAsRetryAfterSaysOnRateLimits() {
        script(Reply.status(429, "{\"errors\":[{\"message\":\"rate limit exceeded\"}]}", Map.of("Retry-After", "2")),
                Reply.status(429, "slow down", Map.of("Retry-After", "Wed, 21 Oct 2015 07:28:05 GMT")));

        runQuery(transport(8));

        assertEquals(3, server.received.size());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(5)), waits);
        assertEquals(2.0, counter("launchpilot.wandb.rate_limited", "operation", "Run"));
        assertEquals(1.0, counter("launchpilot.wandb.requests", "operation", "Run", "outcome", "success"));
    }

    @Test
    void backsOffExponentiallyWithJitterOnServerErrors() {
        script(Reply.status(503, "<html>unavailable</html>", Map.of()),
                Reply.status(502, "{\"errors\":[{\"message\":\"bad gateway\"}]}", Map.of()),
                Reply.status(500, "", Map.of()));

        runQuery(transport(8));

        assertEquals(4, server.received.size());
        // min 1s * 2^retry * (1 + 0.25 * 0.5)
        assertEquals(List.of(Duration.ofMillis(1125), Duration.ofMillis(2250), Duration.ofMillis(4500)), waits);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 410, 413, 422, 501})
    void failsAtOnceOnStatusesThatAreNeverRetried(int status) {
        script(Reply.status(status, "{\"errors\":[{\"message\":\"no way\"}]}", Map.of("Retry-After", "1")));

        WandbException e = assertThrows(WandbException.class, () -> runQuery(transport(8)));

        assertEquals(1, server.received.size());
        assertEquals(List.of(), waits);
        assertEquals(Kind.HTTP_STATUS, e.kind());
        assertEquals(status, e.status());
        assertEquals("Run", e.operation());
        assertEquals(List.of("no way"), e.messages());
        assertThat(e.getMessage(), containsString("W&B Run at " + server.url() + "/graphql got HTTP " + status
                + ": no way"));
        assertEquals(1.0, counter("launchpilot.wandb.requests", "operation", "Run", "outcome", "http_status"));
    }

    @Test
    void graphqlErrorsInA200AreATypedFailureAndNotRetried() {
        script(Reply.status(200, "{\"data\": null, \"errors\": [{\"message\": \"run not found\"},"
                + " {\"message\": \"try again\"}]}", Map.of()));

        WandbException e = assertThrows(WandbException.class, () -> runQuery(transport(8)));

        assertEquals(1, server.received.size());
        assertEquals(Kind.GRAPHQL_ERRORS, e.kind());
        assertEquals(List.of("run not found", "try again"), e.messages());
        assertThat(e.getMessage(), containsString("W&B Run at " + server.url() + "/graphql failed: [run not found; try again]"));
    }

    @Test
    void partialDataWithErrorsIsStillAFailure() {
        script(Reply.status(200, "{\"data\": {\"project\": null}, \"errors\": [{\"message\": \"denied\"}]}", Map.of()));

        WandbException e = assertThrows(WandbException.class, () -> runQuery(transport(8)));

        assertEquals(Kind.GRAPHQL_ERRORS, e.kind());
        assertThat(e.getMessage(), containsString("failed: denied"));
    }

    @Test
    void aNonGraphqlSuccessIsAnInvalidResponse() {
        script(Reply.status(200, "<html>login</html>", Map.of()));

        WandbException e = assertThrows(WandbException.class, () -> runQuery(transport(8)));

        assertEquals(1, server.received.size());
        assertEquals(Kind.INVALID_RESPONSE, e.kind());
    }

    @Test
    void anExhaustedBudgetNamesEndpointOperationAndLastStatus() {
        server.script(call -> Reply.status(503, "busy", Map.of()));

        WandbException e = assertThrows(WandbException.class, () -> runQuery(transport(3)));

        assertEquals(4, server.received.size());
        assertEquals(3, waits.size());
        assertEquals(Kind.RETRIES_EXHAUSTED, e.kind());
        assertEquals(503, e.status());
        assertEquals(server.url() + "/graphql", e.endpoint());
        assertEquals("W&B Run at " + server.url() + "/graphql failed after 4 attempts; last: HTTP 503", e.getMessage());
        assertEquals(1.0, counter("launchpilot.wandb.requests", "operation", "Run", "outcome", "retries_exhausted"));
    }

    @Test
    void anUnreachableEndpointIsRetriedThenNamed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        GraphqlTransport transport = transport("http://127.0.0.1:" + port, 2, Duration.ofSeconds(5));

        WandbException e = assertThrows(WandbException.class, () -> runQuery(transport));

        assertEquals(2, waits.size());
        assertEquals(Kind.RETRIES_EXHAUSTED, e.kind());
        assertEquals(0, e.status());
        assertThat(e.getMessage(), containsString("W&B Run at http://127.0.0.1:" + port + "/graphql failed after 3 attempts"));
        assertThat(e.getMessage().toLowerCase(), containsString("connection refused"));
    }

    @Test
    void aMissingLocalSandboxFailsAtOnceAndSaysWhatToDo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int closed = port;
        WandbEndpoint sandbox = new WandbEndpoint("https://api.wandb.ai", Optional.empty(), () -> closed);
        RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60), CLOCK, () -> 0.5);
        transport = new GraphqlTransport(vertx, sandbox, Duration.ofSeconds(5), policy, waits::add, meters);

        WandbException e = assertThrows(WandbException.class, () -> runQuery(transport));

        assertEquals(List.of(), waits);
        assertEquals(Kind.TRANSPORT, e.kind());
        assertThat(e.getMessage(), containsString("http://127.0.0.1:" + port + "/sandbox/graphql is not answering"));
        assertThat(e.getMessage(), containsString("set WANDB_API_KEY"));
    }

    @Test
    void aSilentServerTimesOutEachAttempt() {
        server.script(call -> Reply.silence());
        GraphqlTransport transport = transport(server.url(), 1, Duration.ofMillis(300));

        long start = System.nanoTime();
        WandbException e = assertThrows(WandbException.class, () -> runQuery(transport));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(2, server.received.size());
        assertEquals(Kind.RETRIES_EXHAUSTED, e.kind());
        assertThat(e.getMessage(), containsString("last: no response within 300 ms"));
        assertTrue(elapsedMs >= 600 && elapsedMs < 5000, "elapsed " + elapsedMs);
    }

    @Test
    void aTlsFailureIsNotRetried() {
        String https = server.url().replace("http://", "https://");
        WandbException e = assertThrows(WandbException.class, () -> runQuery(transport(https, 8, Duration.ofSeconds(5))));

        assertEquals(Kind.TRANSPORT, e.kind());
        assertEquals(List.of(), waits);
        assertThat(e.getMessage(), containsString("W&B Run at " + https + "/graphql failed: "));
    }

    @Test
    void theKeyNeverLeavesTheClient() {
        String credentials = Base64.getEncoder().encodeToString(("api:" + KEY).getBytes(StandardCharsets.UTF_8));
        server.script(call -> Reply.status(200, "{\"errors\": [{\"message\": \"bad key " + KEY + " in "
                + call.headers().get("Authorization") + "\"}]}", Map.of()));
        WandbException graphql = assertThrows(WandbException.class, () -> runQuery(transport(2)));

        server.script(call -> Reply.status(401, "unauthorized: " + call.headers().get("Authorization"), Map.of()));
        WandbException http = assertThrows(WandbException.class, () -> runQuery(transport));

        server.script(call -> Reply.status(503, "{\"errors\":[{\"message\":\"" + KEY + "\"}]}", Map.of()));
        WandbException exhausted = assertThrows(WandbException.class, () -> runQuery(transport));

        assertThat(graphql.messages().get(0), containsString("bad key [redacted] in Basic [redacted]"));
        for (WandbException e : List.of(graphql, http, exhausted)) {
            for (String text : List.of(e.getMessage(), e.toString(), String.join(" ", e.messages()), e.endpoint())) {
                assertThat(text, not(containsString(KEY)));
                assertThat(text, not(containsString(credentials)));
            }
        }
        assertFalse(logs.isEmpty(), "the retries were logged");
        for (String line : logs) {
            assertThat(line, not(containsString(KEY)));
            assertThat(line, not(containsString(credentials)));
        }
    }
}
