package io.launchpilot.web.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.launchpilot.signing.StandardWebhooks;
import io.launchpilot.web.webhook.WebhookRefusedException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The W&B webhook's checks for each configuration: signature only, token only, both, neither. */
class WandbWebhookTest {

    static final byte[] BODY = "{\"event_type\":\"LINK_ARTIFACT\"}".getBytes(StandardCharsets.UTF_8);
    static final String SECRET = "hmac-secret";
    static final String TOKEN = "access-token";
    static final String SIGNATURE = Base64.getEncoder().encodeToString(
            StandardWebhooks.hmacSha256(SECRET.getBytes(StandardCharsets.UTF_8), BODY));

    static WandbWebhook webhook(String secret, String token, boolean sandbox) {
        return new WandbWebhook(Optional.ofNullable(secret), Optional.ofNullable(token), sandbox);
    }

    static Reason refusal(WandbWebhook webhook, String signature, String authorization) {
        return assertThrows(WebhookRefusedException.class, () -> webhook.verify(BODY, signature, authorization))
                .reason();
    }

    @Test
    void signatureOnly() {
        WandbWebhook webhook = webhook(SECRET, null, false);
        assertDoesNotThrow(() -> webhook.verify(BODY, SIGNATURE, null));
        assertDoesNotThrow(() -> webhook.verify(BODY, " " + SIGNATURE + " ", "Bearer anything"));
        assertEquals(Reason.UNAUTHENTICATED, refusal(webhook, null, null));
        assertEquals(Reason.UNAUTHENTICATED, refusal(webhook, "", null));
        assertEquals(Reason.UNAUTHENTICATED, refusal(webhook, "%%%", null));
        assertEquals(Reason.UNAUTHENTICATED, refusal(webhook, Base64.getEncoder().encodeToString(
                StandardWebhooks.hmacSha256("other".getBytes(StandardCharsets.UTF_8), BODY)), null));
        // a truncated signature
        assertEquals(Reason.UNAUTHENTICATED, refusal(webhook, SIGNATURE.substring(0, 20), null));
    }

    @Test
    void tokenOnly() {
        WandbWebhook webhook = webhook(null, TOKEN, false);
        assertDoesNotThrow(() -> webhook.verify(BODY, null, "Bearer " + TOKEN));
        assertEquals(Reason.UNAUTHENTICATED, refusal(webhook, SIGNATURE, null));
        assertEquals(Reason.UNAUTHENTICATED, refusal(webhook, null, "Bearer " + TOKEN + "x"));
        assertEquals(Reason.UNAUTHENTICATED, refusal(webhook, null, TOKEN));
    }

    @Test
    void bothMustHold() {
        WandbWebhook webhook = webhook(SECRET, TOKEN, false);
        assertDoesNotThrow(() -> webhook.verify(BODY, SIGNATURE, "Bearer " + TOKEN));
        assertEquals(Reason.UNAUTHENTICATED, refusal(webhook, SIGNATURE, null));
        assertEquals(Reason.UNAUTHENTICATED, refusal(webhook, null, "Bearer " + TOKEN));
        assertEquals("signature and access token", webhook.describe());
    }

    @Test
    void neitherIsOpenOnlyInTheSandbox() {
        assertDoesNotThrow(() -> webhook(null, null, true).verify(BODY, null, null));
        assertEquals(Reason.NOT_CONFIGURED, refusal(webhook(null, null, false), SIGNATURE, "Bearer " + TOKEN));
        assertEquals(Reason.NOT_CONFIGURED, refusal(webhook("", " ", false), null, null));
    }
}
