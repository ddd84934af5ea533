package io.launchpilot.wandb;

import java.util.List;

/**
 * A W&B call that failed: the server answered with GraphQL errors, refused the request, or could
 * not be reached within the retry budget. The message names the operation and the endpoint, never
 * the API key.
 */
public class WandbException extends RuntimeException {

    /** What went wrong, for callers that react differently (e.g. a REST mapper choosing a status). */
    public enum Kind {
        /** The server answered with a GraphQL {@code errors} array. */
        GRAPHQL_ERRORS,
        /** The server answered with an HTTP status that is not retried (400, 401, 403, 404, ...). */
        HTTP_STATUS,
        /** Every attempt failed with a retryable status, a connection error or a timeout. */
        RETRIES_EXHAUSTED,
        /** The request could not be made at all (TLS verification, a malformed URL) or was interrupted. */
        TRANSPORT,
        /** The server answered 200 with something that is not a usable GraphQL response. */
        INVALID_RESPONSE,
        /** The server answered without error but reported that the change was not made. */
        REJECTED
    }

    private final Kind kind;
    private final String operation;
    private final String endpoint;
    private final int status;
    private final List<String> messages;

    WandbException(Kind kind, String operation, String endpoint, int status, List<String> messages,
            String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.operation = operation;
        this.endpoint = endpoint;
        this.status = status;
        this.messages = List.copyOf(messages);
    }

    public Kind kind() {
        return kind;
    }

    /** The GraphQL operation name, e.g. {@code UpsertRunQueue}. */
    public String operation() {
        return operation;
    }

    /** The GraphQL URL that was called (it never carries credentials). */
    public String endpoint() {
        return endpoint;
    }

    /** The last HTTP status received, or 0 when none was (connection error, timeout). */
    public int status() {
        return status;
    }

    /** The server's error messages, in order; empty when there were none. */
    public List<String> messages() {
        return messages;
    }
}
