package io.launchpilot.wandb;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * How Launchpilot reaches W&B. Without an API key the client talks to the embedded sandbox of
 * this very process instead of {@link #baseUrl()}.
 */
@ConfigMapping(prefix = "launchpilot.wandb")
public interface WandbConfig {

    /**
     * Base URL of the W&B API, as in {@code WANDB_BASE_URL}; GraphQL is served at {@code {base-url}/graphql}.
     * A trailing {@code /} is ignored. Default {@code https://api.wandb.ai}.
     */
    @WithDefault("https://api.wandb.ai")
    String baseUrl();

    /**
     * API key, as in {@code WANDB_API_KEY}; sent as HTTP Basic {@code api:<key>}. Default: none, which
     * points the client at the embedded sandbox on this process's HTTP port. An empty value counts as none.
     */
    Optional<String> apiKey();

    /** Default entity (user or team), as in {@code WANDB_ENTITY}. Default: none (the viewer's entity). */
    Optional<String> entity();

    /** Time allowed for one HTTP attempt, connection included. Default 30s. */
    @WithDefault("30s")
    Duration timeout();

    /** Retries after the first attempt on 429, 5xx, connection errors and timeouts. Default 8. */
    @WithDefault("8")
    int maxRetries();

    /** Wait before the first retry; it doubles on each further retry, plus up to 25% jitter. Default 1s. */
    @WithDefault("1s")
    Duration retryMinWait();

    /** Longest wait between two attempts, also the cap on a server's {@code Retry-After}. Default 60s. */
    @WithDefault("60s")
    Duration retryMaxWait();

    /**
     * How old the last successful W&B call may be for the readiness check {@code wandb} to reuse it;
     * older, or failed, the check asks W&B for the viewer once (no retries). Default 30s.
     */
    @WithDefault("30s")
    Duration healthCheckEvery();
}
