package io.launchpilot.policy.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.launchpilot.signing.StandardWebhooks;
import io.launchpilot.store.ActionRecord;
import io.launchpilot.store.ActionState;
import io.launchpilot.store.OutboxStore;
import io.quarkus.arc.All;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code webhook} action against a real HTTP receiver: signed, stable id, status handling. */
@QuarkusTest
@TestProfile(OutboxProfile.class)
class WebhookActionTest {

    record Delivery(String id, String timestamp, String signature, String custom, byte[] body) {
    }

    @Inject
    OutboxStore store;

    @Inject
    @All
    List<ActionHandler> handlers;

    @Inject
    ActionsConfig config;

    @Inject
    ActionMetrics metrics;

    Outbox outbox;
    HttpServer receiver;
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(204);

    @BeforeEach
    void start() throws IOException {
        outbox = new Outbox(store, handlers, config, metrics);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            var headers = exchange.getRequestHeaders();
            deliveries.add(new Delivery(headers.getFirst(StandardWebhooks.ID), headers.getFirst(StandardWebhooks.TIMESTAMP),
                    headers.getFirst(StandardWebhooks.SIGNATURE), headers.getFirst("X-Team"),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook?token=abc";
    }

    @Test
    void aSignedDeliveryWithTheDefaultBodyAndTheActionsIdAsWebhookId() throws Exception {
        ActionRecord done = outbox.run("webhook", "{'url': '" + url() + "', 'secret': 'receiver', 'headers': {'X-Team': 'ml'}}");

        assertEquals(ActionState.DONE, done.state(), done.lastError());
        assertEquals(204, done.result().get("status").asInt());
        Delivery delivery = deliveries.get(0);
        assertEquals(done.id(), delivery.id());
        assertEquals("ml", delivery.custom());
        assertEquals(StandardWebhooks.Verdict.VALID, StandardWebhooks.verify(OutboxProfile.SECRET, delivery.id(),
                delivery.timestamp(), delivery.signature(), delivery.body(), outbox.clock.instant(), Duration.ofMinutes(5)));
        JsonNode body = Outbox.JSON.readTree(delivery.body());
        assertEquals("p-webhook", body.get("policy").asText());
        assertEquals(done.firingKey(), body.get("firingKey").asText());
        assertEquals("lp-actions/vision/r", body.get("subject").asText());
        assertEquals(1, body.get("event").asInt());
    }

    @Test
    void aServerErrorIsRetriedWithTheSameIdAndAClientErrorFails() {
        status.set(503);
        ActionRecord retried = outbox.run("webhook", "{'url': '" + url() + "', 'body': {'text': 'hi'}}");
        assertEquals(ActionState.PENDING, retried.state());
        assertEquals("webhook to 127.0.0.1 answered 503", retried.lastError(), "no token of the URL in errors");

        status.set(200);
        outbox.clock.advance(Duration.ofMinutes(1));
        outbox.executor.runDue();
        assertEquals(ActionState.DONE, store.action(retried.id()).orElseThrow().state());
        assertEquals(2, deliveries.size());
        assertEquals(deliveries.get(0).id(), deliveries.get(1).id());
        assertEquals(null, deliveries.get(0).signature(), "unsigned without a secret");

        status.set(410);
        ActionRecord gone = outbox.run("webhook", "{'url': '" + url() + "'}");
        assertEquals(ActionState.FAILED, gone.state());
        status.set(429);
        ActionRecord limited = outbox.run("webhook", "{'url': '" + url() + "'}");
        assertEquals(ActionState.PENDING, limited.state());
    }

    @Test
    void anUnknownSecretOrABadUrlFailsWithoutSending() {
        ActionRecord unknown = outbox.run("webhook", "{'url': '" + url() + "', 'secret': 'nope'}");
        ActionRecord ftp = outbox.run("webhook", "{'url': 'ftp://example.com/x'}");

        assertEquals(ActionState.FAILED, unknown.state());
        assertTrue(unknown.lastError().contains("launchpilot.actions.webhook-secrets.nope"), unknown.lastError());
        assertEquals(ActionState.FAILED, ftp.state());
        assertFalse(ftp.lastError().isBlank());
        assertEquals(0, deliveries.size());
    }
}
