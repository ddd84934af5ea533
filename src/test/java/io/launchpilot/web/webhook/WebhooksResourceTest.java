package io.launchpilot.web.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.launchpilot.signing.StandardWebhooks;
import io.launchpilot.store.Event;
import io.launchpilot.store.EventQuery;
import io.launchpilot.store.Store;
import io.launchpilot.store.WebhookDeliveries;
import io.launchpilot.web.SecuredProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook target over HTTP, with the W&B webhook's secret and access token both configured and two
 * generic webhooks: what gets in, what is refused, and that refusals store nothing.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class WebhooksResourceTest {

    static final int MAX_BODY = 1024 * 1024;

    @Inject
    Store store;

    @Inject
    WebhookDeliveries deliveries;

    @Inject
    WebhookDeliveryPruneJob job;

    @TestHTTPResource("/api/v1/webhooks/wandb")
    URI wandbUrl;

    String run;

    @BeforeEach
    void unique() {
        run = "r" + UUID.randomUUID().toString().substring(0, 8);
    }

    String linkArtifact() {
        return """
                {"event_type": "LINK_ARTIFACT", "event_author": "alice", "entity_name": "acme",
                 "project_name": "vision", "artifact_collection_name": "resnet", "alias": "",
                 "artifact_version": "wandb-artifact://_id/QXJ0aWZhY3Q6MTIz",
                 "artifact_version_string": "acme/model-registry/resnet:%s", "custom": {"ticket": 7}}
                """.formatted(run);
    }

    static String sign(String body) {
        return sign(body.getBytes(StandardCharsets.UTF_8));
    }

    static String sign(byte[] body) {
        return Base64.getEncoder().encodeToString(StandardWebhooks.hmacSha256(
                SecuredProfile.WANDB_SECRET.getBytes(StandardCharsets.UTF_8), body));
    }

    ValidatableResponse postWandb(byte[] body, String signature, String token) {
        var request = given().contentType("application/json").body(body);
        if (signature != null) {
            request.header(WandbWebhook.SIGNATURE, signature);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.post("/api/v1/webhooks/wandb").then();
    }

    ValidatableResponse postWandb(String body, String signature, String token) {
        return postWandb(body.getBytes(StandardCharsets.UTF_8), signature, token);
    }

    Event event(long id) {
        List<Event> events = store.events(EventQuery.after(id - 1, 1)).items();
        assertEquals(id, events.get(0).id());
        return events.get(0);
    }

    @Test
    void anAuthenticDeliveryIsInTheLedgerWhenThe202Arrives() {
        String body = linkArtifact();
        int id = postWandb(body, sign(body), SecuredProfile.WANDB_TOKEN).statusCode(202)
                .body("eventId", greaterThan(0)).extract().path("eventId");
        Event event = event(id);
        assertEquals(WebhookEvents.RECEIVED, event.type());
        assertEquals(WebhookEvents.SOURCE, event.source());
        assertEquals("acme/model-registry/resnet:" + run, event.subject());
        JsonNode payload = event.payload();
        assertEquals("wandb", payload.path("source").asText());
        assertEquals("LINK_ARTIFACT", payload.path("eventType").asText());
        assertEquals("acme", payload.path("entity").asText());
        assertEquals("vision", payload.path("project").asText());
        assertEquals("acme/model-registry/resnet:" + run, payload.path("artifact").asText());
        assertEquals("resnet", payload.path("collection").asText());
        assertEquals("alice", payload.path("author").asText());
        assertFalse(payload.has("alias"), "a blank template variable is absent");
        assertEquals(7, payload.path("body").path("custom").path("ticket").asInt());
    }

    @Test
    void aWrongOrMissingSignatureOrTokenIs401AndStoresNothing() {
        String body = linkArtifact();
        long before = store.lastEventId();
        String badSignature = sign(body + " ");
        postWandb(body, badSignature, SecuredProfile.WANDB_TOKEN).statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("X-Wandb-Signature does not match the body"));
        postWandb(body, null, SecuredProfile.WANDB_TOKEN).statusCode(401)
                .body("detail", equalTo("X-Wandb-Signature is required"));
        postWandb(body, "not base64!", SecuredProfile.WANDB_TOKEN).statusCode(401);
        postWandb(body, sign(body), "wrong-token").statusCode(401)
                .body("detail", equalTo("the bearer token is not the webhook's access token"));
        postWandb(body, sign(body), null).statusCode(401)
                .body("detail", equalTo("an Authorization: Bearer token is required"));
        // an API token is not the webhook's token
        postWandb(body, sign(body), SecuredProfile.WRITE_TOKEN).statusCode(401);
        assertEquals(before, store.lastEventId());
        // nor was the body remembered: the same delivery, now authentic, is not a replay
        postWandb(body, sign(body), SecuredProfile.WANDB_TOKEN).statusCode(202);
    }

    @Test
    void theSameBodyWithinTheWindowIs409AndAcceptedAgainAfterIt() {
        String body = linkArtifact();
        int first = postWandb(body, sign(body), SecuredProfile.WANDB_TOKEN).statusCode(202).extract().path("eventId");
        long after = store.lastEventId();
        SecuredProfile.CLOCK.advance(Duration.ofMinutes(9));
        postWandb(body, sign(body), SecuredProfile.WANDB_TOKEN).statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("(event " + first + ")"));
        assertEquals(after, store.lastEventId());
        SecuredProfile.CLOCK.advance(Duration.ofMinutes(1).plusSeconds(1));
        int second = postWandb(body, sign(body), SecuredProfile.WANDB_TOKEN).statusCode(202)
                .extract().path("eventId");
        assertEquals(after + 1, second);
    }

    @Test
    void prunesDeliveriesPastTheWindow() {
        String body = linkArtifact();
        postWandb(body, sign(body), SecuredProfile.WANDB_TOKEN).statusCode(202);
        long remembered = deliveries.count();
        SecuredProfile.CLOCK.advance(Duration.ofMinutes(10).plusSeconds(1));
        int pruned = job.prune();
        assertEquals(remembered, pruned);
        assertEquals(0, deliveries.count());
    }

    /** A JSON body of exactly {@code size} bytes. */
    byte[] bodyOfSize(int size) {
        String head = "{\"event_type\":\"CREATE_ARTIFACT\",\"run\":\"" + run + "\",\"pad\":\"";
        String tail = "\"}";
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        System.arraycopy(head.getBytes(StandardCharsets.UTF_8), 0, body, 0, head.length());
        System.arraycopy(tail.getBytes(StandardCharsets.UTF_8), 0, body, size - tail.length(), tail.length());
        return body;
    }

    @Test
    void aBodyOfExactlyTheLimitIsTakenAndOneByteMoreIs413() {
        byte[] atLimit = bodyOfSize(MAX_BODY);
        postWandb(atLimit, sign(atLimit), SecuredProfile.WANDB_TOKEN).statusCode(202);
        long before = store.lastEventId();
        byte[] over = bodyOfSize(MAX_BODY + 1);
        postWandb(over, sign(over), SecuredProfile.WANDB_TOKEN).statusCode(413)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("larger than 1048576 bytes"));
        assertEquals(before, store.lastEventId());
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() throws Exception {
        byte[] over = bodyOfSize(MAX_BODY + 1);
        HttpRequest request = HttpRequest.newBuilder(wandbUrl)
                .header("Content-Type", "application/json")
                .header(WandbWebhook.SIGNATURE, sign(over))
                .header("Authorization", "Bearer " + SecuredProfile.WANDB_TOKEN)
                // no length known up front: sent chunked, so the limit is enforced while reading
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(over)))
                .build();
        long before = store.lastEventId();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertEquals(before, store.lastEventId());
    }

    @Test
    void malformedJsonIs400AndStoresNothing() {
        long before = store.lastEventId();
        for (String body : List.of("{\"event_type\": ", "", "{} {}", "not json")) {
            postWandb(body, sign(body), SecuredProfile.WANDB_TOKEN).statusCode(400)
                    .contentType(startsWith("application/problem+json"));
        }
        assertEquals(before, store.lastEventId());
    }

    @Test
    void credentialsCopiedIntoTheBodyAreRedactedInTheLedger() {
        String body = "{\"event_type\": \"ADD_ARTIFACT_ALIAS\", \"auth\": \"Bearer " + SecuredProfile.WANDB_TOKEN
                + "\", \"run\": \"" + run + "\"}";
        int id = postWandb(body, sign(body), SecuredProfile.WANDB_TOKEN).statusCode(202).extract().path("eventId");
        JsonNode stored = event(id).payload().path("body");
        assertEquals(Redaction.MARK, stored.path("auth").asText());
        assertEquals(run, stored.path("run").asText());
    }

    // --- generic webhooks (Standard Webhooks) ---

    ValidatableResponse postGeneric(String name, String id, Instant timestamp, String secret, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return given().contentType("application/json").body(bytes)
                .header(StandardWebhooks.ID, id)
                .header(StandardWebhooks.TIMESTAMP, String.valueOf(timestamp.getEpochSecond()))
                .header(StandardWebhooks.SIGNATURE, StandardWebhooks.sign(secret, id, timestamp, bytes))
                .post("/api/v1/webhooks/generic/" + name).then();
    }

    @Test
    void aSignedGenericDeliveryBecomesAnEventWithItsType() {
        String id = "msg_" + run;
        int eventId = postGeneric("ci", id, SecuredProfile.CLOCK.instant(), SecuredProfile.CI_SECRET,
                "{\"type\": \"build.finished\", \"status\": \"ok\"}").statusCode(202).extract().path("eventId");
        Event event = event(eventId);
        assertEquals(WebhookEvents.RECEIVED, event.type());
        assertEquals("ci", event.subject());
        assertEquals("ci", event.payload().path("source").asText());
        assertEquals("build.finished", event.payload().path("eventType").asText());
        assertEquals(id, event.payload().path("deliveryId").asText());
        assertEquals("ok", event.payload().path("body").path("status").asText());

        int deploy = postGeneric("deploy", id, SecuredProfile.CLOCK.instant(), SecuredProfile.DEPLOY_SECRET,
                "{\"data\": {\"kind\": \"rollout\"}}").statusCode(202).extract().path("eventId");
        assertEquals("rollout", event(deploy).payload().path("eventType").asText(),
                "the configured event-type-field, a dotted path; the same id under another webhook is no replay");
    }

    @Test
    void aGenericDeliveryIsRefusedWhenStaleUnsignedWronglySignedUnknownOrReplayed() {
        String id = "msg_" + run;
        Instant now = SecuredProfile.CLOCK.instant();
        String body = "{\"type\": \"build.finished\"}";
        long before = store.lastEventId();
        postGeneric("ci", id, now.minus(Duration.ofMinutes(5)).minusSeconds(1), SecuredProfile.CI_SECRET, body)
                .statusCode(401).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("webhook-timestamp is not within 300s"));
        postGeneric("ci", id, now.plus(Duration.ofMinutes(6)), SecuredProfile.CI_SECRET, body).statusCode(401);
        postGeneric("ci", id, now, SecuredProfile.DEPLOY_SECRET, body).statusCode(401)
                .body("detail", equalTo("webhook-signature does not match the delivery"));
        given().contentType("application/json").body(body).post("/api/v1/webhooks/generic/ci").then()
                .statusCode(401).body("detail", containsString("are required"));
        postGeneric("nosuch", id, now, SecuredProfile.CI_SECRET, body).statusCode(404)
                .contentType(startsWith("application/problem+json"));
        postGeneric("ci", id, now, SecuredProfile.CI_SECRET, "{\"type\": ").statusCode(400);
        assertEquals(before, store.lastEventId());

        postGeneric("ci", id, now.minus(Duration.ofMinutes(4)), SecuredProfile.CI_SECRET, body).statusCode(202);
        postGeneric("ci", id, now, SecuredProfile.CI_SECRET, "{\"type\": \"other\"}").statusCode(409)
                .contentType(startsWith("application/problem+json"));
    }
}
