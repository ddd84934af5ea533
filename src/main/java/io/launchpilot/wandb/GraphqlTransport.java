package io.launchpilot.wandb;

import com.fasterxml.jackson.databind.JsonNode;
import io.launchpilot.metrics.MetricNames;
import io.launchpilot.wandb.RetryPolicy.Sleeper;
import io.launchpilot.wandb.StatusAwareWebClient.HttpStatusFailure;
import io.launchpilot.wandb.WandbException.Kind;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.graphql.client.GraphQLError;
import io.smallrye.graphql.client.InvalidResponseException;
import io.smallrye.graphql.client.Response;
import io.smallrye.graphql.client.dynamic.api.DynamicGraphQLClient;
import io.smallrye.graphql.client.vertx.dynamic.VertxDynamicGraphQLClientBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.jboss.logging.Logger;

/**
 * Sends one GraphQL operation through the SmallRye dynamic client and returns its {@code data},
 * retrying what is worth retrying (see {@link RetryPolicy}) and turning everything else into a
 * {@link WandbException}. Blocking: call it from a worker thread, never from the event loop.
 */
final class GraphqlTransport implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GraphqlTransport.class);
    private static final String USER_AGENT = "Launchpilot W&B client";
    private static final int MAX_BODY_IN_MESSAGE = 300;

    private final Vertx vertx;
    private final WandbEndpoint endpoint;
    private final Duration timeout;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final MeterRegistry meters;

    private Connection connection;
    private volatile Contact lastContact;

    /** One dynamic client per URL; the sandbox URL can only change if the server restarts on another port. */
    private record Connection(String url, DynamicGraphQLClient client) {
    }

    GraphqlTransport(Vertx vertx, WandbEndpoint endpoint, Duration timeout, RetryPolicy policy, Sleeper sleeper,
            MeterRegistry meters) {
        this.vertx = vertx;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.policy = policy;
        this.sleeper = sleeper;
        this.meters = meters;
    }

    /** Runs the operation and returns its {@code data} object. */
    JsonNode execute(Operation operation, Map<String, Object> variables) {
        return execute(operation.operationName(), operation.document(), variables, policy.maxRetries());
    }

    /**
     * Runs a document made at run time (e.g. a batch of aliased reads) under its own operation name,
     * with the same retries, errors and metrics as the fixed operations.
     */
    JsonNode execute(String operationName, String document, Map<String, Object> variables) {
        return execute(operationName, document, variables, policy.maxRetries());
    }

    /** Runs the operation once, without retries: for a health check that must answer soon. */
    JsonNode executeOnce(Operation operation, Map<String, Object> variables) {
        return execute(operation.operationName(), operation.document(), variables, 0);
    }

    /** The outcome of the last call, whatever its operation; empty before the first. */
    Optional<Contact> lastContact() {
        return Optional.ofNullable(lastContact);
    }

    private JsonNode execute(String name, String document, Map<String, Object> variables, int maxRetries) {
        try {
            JsonNode data = send(name, document, WandbJson.variables(variables), maxRetries);
            count(name, null);
            lastContact = Contact.reached(System.nanoTime());
            return data;
        } catch (WandbException e) {
            count(name, e.kind());
            lastContact = Contact.of(e, System.nanoTime());
            throw e;
        }
    }

    private JsonNode send(String name, String document, Map<String, Object> variables, int maxRetries) {
        String url = endpoint.url();
        DynamicGraphQLClient client = client(url);
        for (int attempt = 0;; attempt++) {
            Retryable failure;
            try {
                return data(name, url, client.executeSync(document, variables, name));
            } catch (WandbException e) {
                throw e;
            } catch (Exception e) {
                failure = retryable(name, url, unwrap(e));
            }
            if (attempt >= maxRetries) {
                throw fail(Kind.RETRIES_EXHAUSTED, name, url, failure.status(), List.of(),
                        "failed after " + (attempt + 1) + " attempts; last: " + failure.problem(), failure.cause());
            }
            Duration wait = policy.waitBefore(attempt, failure.retryAfter());
            LOG.warnf("W&B %s at %s: %s; retry %d of %d in %d ms", name, url, failure.problem(),
                    attempt + 1, maxRetries, wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw fail(Kind.TRANSPORT, name, url, failure.status(), List.of(),
                        "was interrupted while waiting to retry; last: " + failure.problem(), e);
            }
        }
    }

    /** An attempt that failed in a way worth another try; {@code status} is 0 when nothing came back. */
    private record Retryable(int status, String problem, String retryAfter, Throwable cause) {
    }

    /** Classifies a failed attempt: returns it if another attempt may succeed, else throws the final error. */
    private Retryable retryable(String name, String url, Throwable cause) {
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw fail(Kind.TRANSPORT, name, url, 0, List.of(), "was interrupted", cause);
        }
        if (cause instanceof HttpStatusFailure failure) {
            int status = failure.status();
            if (!RetryPolicy.retryable(status)) {
                List<String> messages = errorMessages(failure.body());
                throw fail(Kind.HTTP_STATUS, name, url, status, messages, "got HTTP " + status + describe(messages),
                        null);
            }
            if (status == 429) {
                meters.counter(MetricNames.WANDB_RATE_LIMITED, MetricNames.OPERATION, name).increment();
            }
            return new Retryable(status, "HTTP " + status, failure.retryAfter(), cause);
        }
        if (cause instanceof InvalidResponseException) {
            throw fail(Kind.INVALID_RESPONSE, name, url, 200, List.of(), "got a response that is not GraphQL", null);
        }
        if (endpoint.sandbox() && cause instanceof ConnectException) {
            // nobody serves the embedded sandbox here: waiting will not help, and the user needs to hear why
            throw fail(Kind.TRANSPORT, name, url, 0, List.of(), "is not answering: no WANDB_API_KEY is set, so "
                    + "Launchpilot uses the embedded sandbox of a local `launchpilot serve`; start one, or set "
                    + "WANDB_API_KEY (and WANDB_BASE_URL) to use W&B", cause);
        }
        if (transientFailure(cause)) {
            String problem = cause instanceof TimeoutException
                    ? "no response within " + timeout.toMillis() + " ms"
                    : problem(cause);
            return new Retryable(0, problem, null, cause);
        }
        throw fail(Kind.TRANSPORT, name, url, 0, List.of(), "failed: " + problem(cause), cause);
    }

    private JsonNode data(String name, String url, Response response) {
        if (response.hasError()) {
            List<String> messages = new ArrayList<>();
            for (GraphQLError error : response.getErrors()) {
                messages.add(endpoint.redact(error.getMessage() == null ? "(no message)" : error.getMessage()));
            }
            throw fail(Kind.GRAPHQL_ERRORS, name, url, 200, messages, "failed" + describe(messages), null);
        }
        if (!response.hasData()) {
            throw fail(Kind.INVALID_RESPONSE, name, url, 200, List.of(), "got a response without data", null);
        }
        return WandbJson.readTree(response.getData().toString());
    }

    private WandbException fail(Kind kind, String operation, String url, int status, List<String> messages,
            String what, Throwable cause) {
        String message = endpoint.redact("W&B " + operation + " at " + url + " " + what);
        return new WandbException(kind, operation, url, status, messages, message, cause);
    }

    private void count(String operation, Kind failure) {
        String outcome = failure == null ? "success" : failure.name().toLowerCase(Locale.ROOT);
        meters.counter(MetricNames.WANDB_REQUESTS, MetricNames.OPERATION, operation, MetricNames.OUTCOME, outcome)
                .increment();
    }

    /** Connection refused or reset, timeouts, a closed connection: W&B may answer the next attempt. */
    private static boolean transientFailure(Throwable cause) {
        if (cause instanceof SSLException) {
            return false;
        }
        return cause instanceof IOException || cause instanceof TimeoutException || cause instanceof HttpClosedException;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private String problem(Throwable cause) {
        String message = cause.getMessage();
        return endpoint.redact(message == null || message.isBlank() ? cause.getClass().getSimpleName() : message);
    }

    /** The messages of a GraphQL-shaped error body, else the start of the body itself. */
    private List<String> errorMessages(String body) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        List<String> messages = new ArrayList<>();
        try {
            JsonNode errors = WandbJson.readTree(body).get("errors");
            if (errors != null && errors.isArray()) {
                errors.forEach(error -> {
                    String message = WandbJson.text(error, "message");
                    messages.add(endpoint.redact(message == null ? error.toString() : message));
                });
                return messages;
            }
        } catch (IllegalArgumentException notJson) {
            // a plain-text or HTML error page: its start is the best message there is
        }
        String text = body.strip();
        return List.of(endpoint.redact(text.length() > MAX_BODY_IN_MESSAGE
                ? text.substring(0, MAX_BODY_IN_MESSAGE) + "..."
                : text));
    }

    private static String describe(List<String> messages) {
        if (messages.isEmpty()) {
            return "";
        }
        return messages.size() == 1 ? ": " + messages.get(0) : ": [" + String.join("; ", messages) + "]";
    }

    private synchronized DynamicGraphQLClient client(String url) {
        if (connection != null && connection.url().equals(url)) {
            return connection.client();
        }
        close();
        VertxDynamicGraphQLClientBuilder builder = new VertxDynamicGraphQLClientBuilder()
                .vertx(vertx)
                .webClient(StatusAwareWebClient.create(vertx, timeout))
                .url(url)
                .header("User-Agent", USER_AGENT);
        endpoint.authorization().ifPresent(value -> builder.header("Authorization", value));
        connection = new Connection(url, builder.build());
        return connection.client();
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.client().close();
            } catch (Exception e) {
                LOG.debugf("closing the W&B GraphQL client failed: %s", e.getMessage());
            }
            connection = null;
        }
    }
}
