package io.launchpilot.web.webhook;

/**
 * The ledger event every accepted delivery becomes. Policies trigger on it with
 * {@code webhook: {source, eventType}}, matched against {@code payload.source} and {@code payload.eventType}.
 */
public final class WebhookEvents {

    /** The event type of every delivery. */
    public static final String RECEIVED = "webhook.received";

    /** The event's {@code source} column (what recorded it); the sender is {@code payload.source}. */
    public static final String SOURCE = "webhook";

    /** {@code payload.source} of a W&B delivery; a generic webhook's is its configured name. */
    public static final String WANDB = "wandb";

    private WebhookEvents() {
    }
}
