package io.launchpilot.web.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.signing.StandardWebhooks;
import io.launchpilot.store.NewEvent;
import io.launchpilot.web.webhook.WebhookRefusedException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenericWebhooksTest {

    record Generic(String secret, String eventTypeField) implements WebhooksConfig.Generic {
    }

    static final Instant NOW = Instant.parse("2031-01-01T00:00:00Z");
    static final GenericWebhooks WEBHOOKS = new GenericWebhooks(Map.of("ci", new Generic("s3cret", "type")),
            Duration.ofMinutes(5));

    @Test
    void theNameWandbIsTaken() {
        assertThrows(IllegalArgumentException.class, () -> new GenericWebhooks(
                Map.of("wandb", new Generic("s", "type")), Duration.ofMinutes(5)));
    }

    @Test
    void aBodyWithoutTheTypeFieldHasNoEventType() throws Exception {
        NewEvent event = WEBHOOKS.event("ci", "msg_1", new ObjectMapper().readTree("{\"kind\": \"x\"}"));
        assertFalse(event.payload().has("eventType"));
        assertEquals("ci", event.subject());
        assertEquals("msg_1", event.payload().path("deliveryId").asText());
    }

    @Test
    void anOverlongIdIsRefusedEvenWhenSigned() {
        String id = "m".repeat(GenericWebhooks.MAX_ID_LENGTH + 1);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String signature = StandardWebhooks.sign("s3cret", id, NOW, body);
        WebhookRefusedException e = assertThrows(WebhookRefusedException.class, () -> WEBHOOKS.verify("ci", id,
                String.valueOf(NOW.getEpochSecond()), signature, body, NOW));
        assertEquals(Reason.MALFORMED, e.reason());
        assertEquals(Reason.UNKNOWN_WEBHOOK, assertThrows(WebhookRefusedException.class,
                () -> WEBHOOKS.requireKnown("cd")).reason());
    }
}
