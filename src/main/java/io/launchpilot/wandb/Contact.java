package io.launchpilot.wandb;

import java.time.Duration;
import java.util.Set;

/**
 * Whether the last call reached W&B: any answer W&B gave about the request itself (data, GraphQL
 * errors, a 4xx) counts as reached; no answer within the retry budget, a 5xx, or a refused API key
 * do not. {@code problem} is fit for health output: it never holds the key.
 */
public record Contact(boolean reached, String problem, long atNanos) {

    /** Statuses saying the key is refused: W&B answers, but Launchpilot cannot work with it. */
    private static final Set<Integer> KEY_REFUSED = Set.of(401, 403);

    static Contact reached(long atNanos) {
        return new Contact(true, null, atNanos);
    }

    static Contact of(WandbException failure, long atNanos) {
        boolean reached = switch (failure.kind()) {
            case GRAPHQL_ERRORS, INVALID_RESPONSE, REJECTED -> true;
            case HTTP_STATUS -> !KEY_REFUSED.contains(failure.status());
            case RETRIES_EXHAUSTED, TRANSPORT -> false;
        };
        return new Contact(reached, reached ? null : failure.getMessage(), atNanos);
    }

    /** How long ago the call ended. */
    public Duration age() {
        return Duration.ofNanos(System.nanoTime() - atNanos);
    }
}
