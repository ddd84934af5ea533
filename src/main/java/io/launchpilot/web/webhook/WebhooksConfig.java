package io.launchpilot.web.webhook;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The webhook target ({@code launchpilot.webhooks.*}): W&B Automations and other senders. */
@ConfigMapping(prefix = "launchpilot.webhooks")
public interface WebhooksConfig {

    /** A delivery seen again within this window is refused with 409 (W&B: the same body; others: the same webhook-id). Default 10m. */
    @WithDefault("10m")
    Duration replayWindow();

    /** Largest body accepted; a larger one is refused with 413 before it is read further. Default 1M (1 MiB). */
    @WithDefault("1M")
    MemorySize maxBody();

    /** How far a Standard Webhooks {@code webhook-timestamp} may be from now. Default 5m. */
    @WithDefault("5m")
    Duration timestampTolerance();

    /** {@code POST /api/v1/webhooks/wandb}, for W&B Automations. */
    Wandb wandb();

    /** {@code POST /api/v1/webhooks/generic/<name>}, one entry per sending system. */
    Map<String, Generic> generic();

    /** The W&B webhook's credentials, as set on the webhook in W&B's Team Settings; at least one is needed outside the sandbox. */
    interface Wandb {

        /** The webhook's secret: {@code X-Wandb-Signature} must be the base64 HMAC-SHA256 of the body under it. */
        Optional<String> secret();

        /** The webhook's access token: {@code Authorization: Bearer} must carry it. */
        Optional<String> accessToken();
    }

    /** A system that signs its deliveries the Standard Webhooks way. */
    interface Generic {

        /** The signing secret ({@code whsec_<base64>} or plain text). */
        String secret();

        /** The body field that holds the event type (a dotted path for nested fields). Default {@code type}. */
        @WithDefault("type")
        String eventTypeField();
    }
}
