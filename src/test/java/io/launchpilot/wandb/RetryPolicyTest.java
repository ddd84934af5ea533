package io.launchpilot.wandb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static RetryPolicy policy(double random) {
        return new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(60), CLOCK, () -> random);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 408, 425, 429, 499, 500, 502, 503, 504, 599, 600, 999})
    void retriesRateLimitsServerErrorsAndNoResponse(int status) {
        assertTrue(RetryPolicy.retryable(status), "status " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 301, 400, 401, 403, 404, 409, 410, 413, 422, 501})
    void neverRetriesRequestErrorsNotImplementedOrSuccess(int status) {
        assertFalse(RetryPolicy.retryable(status), "status " + status);
    }

    @Test
    void backoffDoublesFromTheMinimumWithoutJitterWhenRandomIsZero() {
        RetryPolicy policy = policy(0);
        assertEquals(Duration.ofSeconds(1), policy.backoff(0));
        assertEquals(Duration.ofSeconds(2), policy.backoff(1));
        assertEquals(Duration.ofSeconds(4), policy.backoff(2));
        assertEquals(Duration.ofSeconds(32), policy.backoff(5));
    }

    @Test
    void jitterAddsAtMostAQuarter() {
        assertEquals(Duration.ofMillis(1250), policy(1.0).backoff(0));
        assertEquals(Duration.ofMillis(4500), policy(0.5).backoff(2));
        for (double random : new double[] {0, 0.1, 0.5, 0.999}) {
            for (int retry = 0; retry < 5; retry++) {
                long base = 1000L << retry;
                long wait = policy(random).backoff(retry).toMillis();
                assertTrue(wait >= base && wait <= base * 1.25, retry + "/" + random + ": " + wait);
            }
        }
    }

    @Test
    void backoffIsCappedAtTheMaximumEvenForHugeRetryNumbers() {
        assertEquals(Duration.ofSeconds(60), policy(0).backoff(6));
        assertEquals(Duration.ofSeconds(60), policy(0.9).backoff(40));
        assertEquals(Duration.ofSeconds(60), policy(0.9).backoff(Integer.MAX_VALUE));
    }

    @Test
    void retryAfterInSecondsReplacesTheBackoff() {
        assertEquals(Duration.ofSeconds(7), policy(0).waitBefore(0, "7"));
        assertEquals(Duration.ZERO, policy(0).waitBefore(3, "0"));
        assertEquals(Duration.ofSeconds(3), policy(0).waitBefore(5, " 3 "));
    }

    @Test
    void retryAfterAsHttpDateCountsFromTheClock() {
        assertEquals(Optional.of(Duration.ofSeconds(90)),
                policy(0).parseRetryAfter("Wed, 21 Oct 2015 07:29:30 GMT"));
        assertEquals(Duration.ofSeconds(45), policy(0).waitBefore(0, "Wed, 21 Oct 2015 07:28:45 GMT"));
    }

    @Test
    void retryAfterInThePastMeansNow() {
        assertEquals(Duration.ZERO, policy(0).waitBefore(4, "Wed, 21 Oct 2015 07:00:00 GMT"));
    }

    @Test
    void retryAfterIsCappedAtTheMaximumWait() {
        assertEquals(Duration.ofSeconds(60), policy(0).waitBefore(0, "3600"));
        assertEquals(Duration.ofSeconds(60), policy(0).waitBefore(0, "99999999999999999999999"));
        assertEquals(Duration.ofSeconds(60), policy(0).waitBefore(0, "Thu, 22 Oct 2015 07:28:00 GMT"));
    }

    @Test
    void unreadableRetryAfterFallsBackToTheBackoff() {
        assertEquals(Duration.ofSeconds(4), policy(0).waitBefore(2, "soon"));
        assertEquals(Duration.ofSeconds(4), policy(0).waitBefore(2, "-5"));
        assertEquals(Duration.ofSeconds(4), policy(0).waitBefore(2, ""));
        assertEquals(Duration.ofSeconds(4), policy(0).waitBefore(2, null));
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(-1, Duration.ofSeconds(1), Duration.ofSeconds(2), CLOCK, () -> 0));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(1, Duration.ofSeconds(3), Duration.ofSeconds(2), CLOCK, () -> 0));
    }
}
