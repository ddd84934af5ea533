package io.launchpilot.web.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.signing.StandardWebhooks;
import io.launchpilot.store.NewEvent;
import io.launchpilot.web.webhook.WebhookRefusedException.Reason;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/webhooks/generic/<name>}: systems that sign the Standard Webhooks way, each with
 * its own secret ({@code launchpilot.webhooks.generic.<name>.secret}). The {@code webhook-id} is the
 * delivery's identity for replays; the event's subject is the webhook's name.
 */
@Singleton
public class GenericWebhooks {

    /** Longest webhook-id kept for replay detection (the store's key column). */
    static final int MAX_ID_LENGTH = 200;

    private final Map<String, WebhooksConfig.Generic> webhooks;
    private final Duration tolerance;

    @Inject
    GenericWebhooks(WebhooksConfig config) {
        this(config.generic(), config.timestampTolerance());
    }

    GenericWebhooks(Map<String, WebhooksConfig.Generic> webhooks, Duration tolerance) {
        if (webhooks.containsKey(WebhookEvents.WANDB)) {
            // payload.source "wandb" means W&B to policies; a generic webhook must not pose as it
            throw new IllegalArgumentException("launchpilot.webhooks.generic.wandb: the name wandb is taken by "
                    + "the W&B webhook; choose another name");
        }
        this.webhooks = Map.copyOf(webhooks);
        this.tolerance = tolerance;
    }

    /** The configured names, for the start-up log. */
    public List<String> names() {
        return webhooks.keySet().stream().sorted().toList();
    }

    /**
     * Lets an authentic, fresh delivery pass.
     *
     * @throws WebhookRefusedException {@code UNKNOWN_WEBHOOK} for a name not configured,
     *         {@code UNAUTHENTICATED} for missing headers, a stale timestamp or a wrong signature
     */
    public void verify(String name, String id, String timestamp, String signature, byte[] body, Instant now) {
        WebhooksConfig.Generic webhook = webhook(name);
        StandardWebhooks.Verdict verdict = StandardWebhooks.verify(webhook.secret(), id, timestamp, signature, body,
                now, tolerance);
        switch (verdict) {
            case VALID -> {
                if (id.length() > MAX_ID_LENGTH) {
                    throw new WebhookRefusedException(Reason.MALFORMED,
                            StandardWebhooks.ID + " is longer than " + MAX_ID_LENGTH + " characters");
                }
            }
            case MISSING_HEADERS -> throw unauthenticated(StandardWebhooks.ID + ", " + StandardWebhooks.TIMESTAMP
                    + " and " + StandardWebhooks.SIGNATURE + " are required");
            case BAD_TIMESTAMP -> throw unauthenticated(StandardWebhooks.TIMESTAMP + " is not within "
                    + tolerance.toSeconds() + "s of the server's time");
            case BAD_SIGNATURE -> throw unauthenticated(StandardWebhooks.SIGNATURE + " does not match the delivery");
        }
    }

    /** Fails with {@code UNKNOWN_WEBHOOK} unless {@code name} is configured; checked before the body is read. */
    public void requireKnown(String name) {
        webhook(name);
    }

    /**
     * The {@code webhook.received} event of a delivery: payload {@code {source: <name>, eventType, deliveryId, body}},
     * {@code eventType} read from the configured field of the body (absent when the body has no such text field).
     */
    public NewEvent event(String name, String id, JsonNode body) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("source", name);
        JsonNode type = field(body, webhook(name).eventTypeField());
        if (type != null && type.isValueNode() && !type.isNull() && !type.asText().isBlank()) {
            payload.put("eventType", type.asText());
        }
        payload.put("deliveryId", id);
        payload.set("body", body);
        return new NewEvent(WebhookEvents.RECEIVED, name, WebhookEvents.SOURCE, payload);
    }

    private WebhooksConfig.Generic webhook(String name) {
        WebhooksConfig.Generic webhook = webhooks.get(name);
        if (webhook == null) {
            throw new WebhookRefusedException(Reason.UNKNOWN_WEBHOOK, "no generic webhook named '" + name
                    + "' is configured (launchpilot.webhooks.generic.<name>.secret)");
        }
        return webhook;
    }

    /** A field by dotted path ({@code data.kind}), or null. */
    private static JsonNode field(JsonNode body, String path) {
        JsonNode node = body;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node;
    }

    private static WebhookRefusedException unauthenticated(String detail) {
        return new WebhookRefusedException(Reason.UNAUTHENTICATED, detail);
    }
}
