package io.launchpilot.web.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.store.NewEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** W&B payload templates of every shape become one webhook.received event with a sensible subject. */
class WandbPayloadsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static NewEvent event(String body) throws Exception {
        return WandbPayloads.event(JSON.readTree(body));
    }

    @Test
    void anAliasEventNamesTheArtifactVersion() throws Exception {
        NewEvent event = event("""
                {"event_type": "ADD_ARTIFACT_ALIAS", "event_author": "bob", "entity_name": "acme",
                 "project_name": "vision", "alias": "production", "tag": "",
                 "artifact_collection_name": "resnet", "artifact_version_string": "acme/vision/resnet:v3"}
                """);
        assertEquals("webhook.received", event.type());
        assertEquals("webhook", event.source());
        assertEquals("acme/vision/resnet:v3", event.subject());
        JsonNode payload = event.payload();
        assertEquals("wandb", payload.path("source").asText());
        assertEquals("ADD_ARTIFACT_ALIAS", payload.path("eventType").asText());
        assertEquals("production", payload.path("alias").asText());
        assertEquals("bob", payload.path("author").asText());
        assertFalse(payload.has("tag"));
        assertFalse(payload.has("run"));
        assertEquals("acme", payload.path("body").path("entity_name").asText());
    }

    @Test
    void aRunEventNamesTheRunPath() throws Exception {
        NewEvent event = event("""
                {"event_type": "RUN_STATE", "entity_name": "acme", "project_name": "vision", "run_id": "a1b2c3"}
                """);
        assertEquals("acme/vision/a1b2c3", event.subject());
        assertEquals("acme/vision/a1b2c3", event.payload().path("run").asText());
        assertEquals("acme/vision/x9", event("{\"run\": \"acme/vision/x9\"}").subject());
        assertEquals("acme/vision/n1", event("{\"entity_name\": \"acme\", \"project_name\": \"vision\", "
                + "\"run_name\": \"n1\"}").subject());
    }

    @Test
    void withoutArtifactOrRunTheSubjectIsTheProjectThenTheEntityThenWandb() throws Exception {
        assertEquals("acme/vision", event("{\"entity_name\": \"acme\", \"project_name\": \"vision\"}").subject());
        assertEquals("acme", event("{\"entity_name\": \"acme\"}").subject());
        NewEvent bare = event("{\"anything\": [1, 2]}");
        assertEquals("wandb", bare.subject());
        assertFalse(bare.payload().has("eventType"));
        assertEquals("wandb", event("[1, 2]").subject());
        assertEquals("wandb", event("{\"entity_name\": {\"nested\": true}}").subject());
    }

    @Test
    void credentialsInTheBodyAreRedacted() throws Exception {
        JsonNode body = JSON.readTree("""
                {"token": "tok-123", "header": "Bearer tok-123", "list": ["x", "sec-456"], "n": 1,
                 "sec-456": "key"}
                """);
        JsonNode redacted = Redaction.apply(body, List.of("tok-123", "sec-456"));
        assertEquals("[redacted]", redacted.path("token").asText());
        assertEquals("[redacted]", redacted.path("header").asText());
        assertEquals("x", redacted.path("list").path(0).asText());
        assertEquals("[redacted]", redacted.path("list").path(1).asText());
        assertEquals(1, redacted.path("n").asInt());
        assertFalse(redacted.toString().contains("sec-456"));
    }
}
