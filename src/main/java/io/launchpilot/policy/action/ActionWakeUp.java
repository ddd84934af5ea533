package io.launchpilot.policy.action;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets the executor run as soon as new actions are queued instead of at its next poll, so that an
 * action follows its event by milliseconds, not a poll interval.
 */
@ApplicationScoped
public class ActionWakeUp {

    private final Semaphore signals = new Semaphore(0);

    /** New work is there. */
    void signal() {
        if (signals.availablePermits() == 0) {
            signals.release();
        }
    }

    /** Waits up to {@code millis} for a signal; true when one came. */
    boolean await(long millis) throws InterruptedException {
        boolean signalled = signals.tryAcquire(millis, TimeUnit.MILLISECONDS);
        signals.drainPermits();
        return signalled;
    }
}
