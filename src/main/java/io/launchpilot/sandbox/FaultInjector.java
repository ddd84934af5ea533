package io.launchpilot.sandbox;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * Faults injected into {@code /sandbox/graphql} so that clients' retries can be tested: latency
 * before every answer, a fraction of requests answered 500/503, and every Nth request answered
 * 429 with {@code Retry-After}.
 */
@ApplicationScoped
public class FaultInjector {

    /**
     * The fault settings; absent fields mean no such fault.
     *
     * @param latencyMs delay before every answer
     * @param errorRate fraction (0..1) of requests answered 500 or 503
     * @param rateLimitEvery every Nth request (counted from when the faults were set) gets 429
     * @param retryAfterSeconds the {@code Retry-After} of those 429s (default 1)
     */
    @RegisterForReflection
    public record Faults(Long latencyMs, Double errorRate, Integer rateLimitEvery, Integer retryAfterSeconds) {

        static final Faults NONE = new Faults(null, null, null, null);

        /** Checks the ranges; the message names the offending field. */
        public Faults {
            if (latencyMs != null && (latencyMs < 0 || latencyMs > 60_000)) {
                throw SandboxException.invalid("latencyMs must be between 0 and 60000, got " + latencyMs);
            }
            if (errorRate != null && (errorRate < 0 || errorRate > 1 || errorRate.isNaN())) {
                throw SandboxException.invalid("errorRate must be between 0 and 1, got " + errorRate);
            }
            if (rateLimitEvery != null && rateLimitEvery < 1) {
                throw SandboxException.invalid("rateLimitEvery must be at least 1, got " + rateLimitEvery);
            }
            if (retryAfterSeconds != null && (retryAfterSeconds < 0 || retryAfterSeconds > 3600)) {
                throw SandboxException.invalid("retryAfterSeconds must be between 0 and 3600, got " + retryAfterSeconds);
            }
        }
    }

    /**
     * What to do with one request.
     *
     * @param latencyMs how long to wait first
     * @param status 0 to answer normally, else the status to answer with
     * @param retryAfterSeconds the {@code Retry-After} header of a 429
     */
    public record Decision(long latencyMs, int status, int retryAfterSeconds) {
    }

    private final DoubleSupplier random;
    private final AtomicLong requests = new AtomicLong();
    private volatile Faults faults = Faults.NONE;

    @Inject
    FaultInjector() {
        this(new Random()::nextDouble);
    }

    /** With a given random source, for tests that need to know which requests fail. */
    FaultInjector(DoubleSupplier random) {
        this.random = random;
    }

    public Faults set(Faults newFaults) {
        requests.set(0);
        faults = newFaults;
        return newFaults;
    }

    public Faults current() {
        return faults;
    }

    public void clear() {
        set(Faults.NONE);
    }

    public Decision decide() {
        Faults current = faults;
        long latency = current.latencyMs() == null ? 0 : current.latencyMs();
        long n = requests.incrementAndGet();
        if (current.rateLimitEvery() != null && n % current.rateLimitEvery() == 0) {
            return new Decision(latency, 429, current.retryAfterSeconds() == null ? 1 : current.retryAfterSeconds());
        }
        if (current.errorRate() != null && current.errorRate() > 0 && random.getAsDouble() < current.errorRate()) {
            return new Decision(latency, random.getAsDouble() < 0.5 ? 500 : 503, 0);
        }
        return new Decision(latency, 0, 0);
    }
}
