package io.launchpilot.wandb;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * When and how long to wait before trying a W&B call again: the rules of wandb-core's GraphQL
 * client (go-retryablehttp with {@code RetryMostFailures}), so that Launchpilot is as patient with
 * W&B as the official SDK and no more.
 */
final class RetryPolicy {

    /** Statuses that say the request itself is wrong: sending it again cannot help. */
    private static final Set<Integer> NEVER_RETRIED = Set.of(400, 401, 403, 404, 409, 410, 413, 422, 501);
    private static final double MAX_JITTER = 0.25;

    private final int maxRetries;
    private final Duration minWait;
    private final Duration maxWait;
    private final Clock clock;
    private final DoubleSupplier random;

    /**
     * @param random returns a value in {@code [0, 1)}; it scales the jitter
     */
    RetryPolicy(int maxRetries, Duration minWait, Duration maxWait, Clock clock, DoubleSupplier random) {
        if (maxRetries < 0 || minWait.isNegative() || maxWait.compareTo(minWait) < 0) {
            throw new IllegalArgumentException("retries must be >= 0 and 0 <= min wait <= max wait, got "
                    + maxRetries + ", " + minWait + ", " + maxWait);
        }
        this.maxRetries = maxRetries;
        this.minWait = minWait;
        this.maxWait = maxWait;
        this.clock = clock;
        this.random = random;
    }

    int maxRetries() {
        return maxRetries;
    }

    /**
     * Whether a response with this HTTP status is worth another attempt. Status 0 stands for "no
     * response at all" (connection refused, reset, timed out).
     */
    static boolean retryable(int status) {
        if (status == 0 || status >= 600) {
            return true;
        }
        return status >= 400 && !NEVER_RETRIED.contains(status);
    }

    /**
     * The wait before retry number {@code retry} (0 for the first retry): {@code min * 2^retry},
     * plus up to 25% jitter, capped at the maximum. A parseable {@code Retry-After} replaces it, but
     * never beyond the maximum: a blocking caller should not hang for an hour on one header.
     */
    Duration waitBefore(int retry, String retryAfter) {
        Optional<Duration> asked = parseRetryAfter(retryAfter);
        if (asked.isPresent()) {
            return min(asked.get(), maxWait);
        }
        return backoff(retry);
    }

    Duration backoff(int retry) {
        double factor = Math.pow(2, Math.min(retry, 62)) * (1 + MAX_JITTER * random.getAsDouble());
        double millis = minWait.toMillis() * factor;
        return millis >= maxWait.toMillis() ? maxWait : Duration.ofMillis(Math.round(millis));
    }

    /**
     * Reads a {@code Retry-After} header: delay seconds ({@code 120}) or an HTTP date
     * ({@code Wed, 21 Oct 2015 07:28:00 GMT}); a date in the past means "now". Anything else is ignored.
     */
    Optional<Duration> parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException tooLong) {
                return Optional.of(maxWait);
            }
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration until = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Waits between attempts; tests replace it to record the waits instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }
}
