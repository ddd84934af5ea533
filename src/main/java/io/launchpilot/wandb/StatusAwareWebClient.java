package io.launchpilot.wandb;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.WebClientInternal;
import java.time.Duration;

/**
 * The Vert.x {@link WebClient} handed to the SmallRye dynamic GraphQL client.
 *
 * <p>Why: the dynamic client reads a GraphQL-shaped error body (W&B's 400s, many 5xx) as if it
 * were a normal answer, and turns any other non-GraphQL body into an {@code InvalidResponseException}
 * that keeps the headers but loses the status. Retries need both the status and {@code Retry-After}.
 * So an interceptor on this client looks at every response before the dynamic client does and fails
 * each non-2xx one with a {@link HttpStatusFailure} holding status, {@code Retry-After} and body.
 * That failure completes the very request future {@code executeSync} waits on, so it reaches the
 * calling thread without any shared state between concurrent calls. The interceptor also sets the
 * per-attempt timeout, which the dynamic client offers no way to set.
 *
 * <p>{@code WebClientInternal.addInterceptor} is the hook Vert.x's own extensions (sessions,
 * caching, tracing) use; it is the only place where every response of this client passes.
 */
final class StatusAwareWebClient {

    private StatusAwareWebClient() {
    }

    static WebClient create(Vertx vertx, Duration timeout) {
        WebClientOptions options = new WebClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .setFollowRedirects(false);
        WebClientInternal client = (WebClientInternal) WebClient.create(vertx, options);
        client.addInterceptor(context -> {
            if (context.phase() == ClientPhase.CREATE_REQUEST) {
                context.requestOptions().setTimeout(timeout.toMillis());
            } else if (context.phase() == ClientPhase.DISPATCH_RESPONSE) {
                HttpResponse<?> response = context.response();
                if (response.statusCode() / 100 != 2) {
                    context.fail(new HttpStatusFailure(response.statusCode(),
                            response.getHeader("Retry-After"), response.bodyAsString()));
                    return;
                }
            }
            context.next();
        });
        return client;
    }

    /** A response with a non-2xx status, as seen on the wire. */
    static final class HttpStatusFailure extends RuntimeException {
        private final int status;
        private final String retryAfter;
        private final String body;

        HttpStatusFailure(int status, String retryAfter, String body) {
            super("HTTP " + status, null, false, false);
            this.status = status;
            this.retryAfter = retryAfter;
            this.body = body;
        }

        int status() {
            return status;
        }

        String retryAfter() {
            return retryAfter;
        }

        String body() {
            return body;
        }
    }
}
