package io.launchpilot.web.webhook;

import io.launchpilot.signing.StandardWebhooks;
import io.launchpilot.wandb.WandbClient;
import io.launchpilot.web.auth.Credentials;
import io.launchpilot.web.webhook.WebhookRefusedException.Reason;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks that a delivery to {@code /api/v1/webhooks/wandb} comes from the W&B webhook it was set up for.
 * W&B sends {@code X-Wandb-Signature: base64(HMAC-SHA256(secret, body))} when the webhook has a secret
 * and {@code Authorization: Bearer <token>} when it has an access token; whatever is configured here
 * must be present and right (both, when both are configured), compared in constant time.
 *
 * <p>With neither configured the endpoint is open only in sandbox mode (a demo on a laptop); anywhere
 * else it refuses every delivery, since anyone who can reach the port could otherwise feed policies.
 */
@Singleton
public class WandbWebhook {

    /** The header W&B signs its deliveries in. */
    public static final String SIGNATURE = "X-Wandb-Signature";

    private final Optional<byte[]> secret;
    private final Optional<byte[]> accessToken;
    private final boolean sandbox;
    private final List<String> credentials;

    @Inject
    WandbWebhook(WebhooksConfig config, WandbClient wandb) {
        this(config.wandb().secret(), config.wandb().accessToken(), wandb.sandbox());
    }

    WandbWebhook(Optional<String> secret, Optional<String> accessToken, boolean sandbox) {
        this.secret = secret.filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8));
        this.accessToken = accessToken.filter(t -> !t.isBlank()).map(Credentials::digest);
        this.sandbox = sandbox;
        this.credentials = Stream.of(secret, accessToken).flatMap(Optional::stream).filter(s -> !s.isBlank()).toList();
    }

    /** How deliveries are checked, for the start-up log. */
    public String describe() {
        if (secret.isPresent() && accessToken.isPresent()) {
            return "signature and access token";
        }
        if (secret.isPresent()) {
            return "signature";
        }
        if (accessToken.isPresent()) {
            return "access token";
        }
        return sandbox ? "none (open: sandbox mode)" : "none (every delivery refused)";
    }

    /**
     * Lets an authentic delivery pass.
     *
     * @throws WebhookRefusedException {@code UNAUTHENTICATED} for a missing or wrong signature or token,
     *         {@code NOT_CONFIGURED} when nothing is configured outside the sandbox
     */
    public void verify(byte[] body, String signature, String authorization) {
        if (secret.isEmpty() && accessToken.isEmpty()) {
            if (sandbox) {
                return;
            }
            throw new WebhookRefusedException(Reason.NOT_CONFIGURED, "the W&B webhook is not configured: set "
                    + "launchpilot.webhooks.wandb.secret and/or launchpilot.webhooks.wandb.access-token");
        }
        if (accessToken.isPresent()) {
            Optional<String> presented = Credentials.bearer(authorization);
            if (presented.isEmpty()) {
                throw unauthenticated("an Authorization: Bearer token is required");
            }
            if (!Credentials.matches(presented.get(), accessToken.get())) {
                throw unauthenticated("the bearer token is not the webhook's access token");
            }
        }
        if (secret.isPresent()) {
            if (signature == null || signature.isBlank()) {
                throw unauthenticated(SIGNATURE + " is required");
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(signature.strip());
            } catch (IllegalArgumentException e) {
                throw unauthenticated(SIGNATURE + " is not base64");
            }
            if (!MessageDigest.isEqual(StandardWebhooks.hmacSha256(secret.get(), body), given)) {
                throw unauthenticated(SIGNATURE + " does not match the body");
            }
        }
    }

    /** The configured credentials, to blank out of a body whose template copied them in ({@code ${ACCESS_TOKEN}}). */
    List<String> credentials() {
        return credentials;
    }

    private static WebhookRefusedException unauthenticated(String detail) {
        return new WebhookRefusedException(Reason.UNAUTHENTICATED, detail);
    }
}
