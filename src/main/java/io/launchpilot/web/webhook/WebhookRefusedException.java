package io.launchpilot.web.webhook;

/** A delivery that is not taken in; nothing of it was stored. The reason decides the HTTP status. */
public class WebhookRefusedException extends RuntimeException {

    /** Why a delivery was refused. */
    public enum Reason {
        /** A signature or token is missing or wrong, or the timestamp is stale. */
        UNAUTHENTICATED,
        /** No such generic webhook is configured. */
        UNKNOWN_WEBHOOK,
        /** The W&B webhook has neither secret nor access token configured, outside the sandbox. */
        NOT_CONFIGURED,
        /** The body is over {@code launchpilot.webhooks.max-body}. */
        TOO_LARGE,
        /** The body is not one JSON value, or a header is unusable. */
        MALFORMED
    }

    private final Reason reason;

    public WebhookRefusedException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
