package io.launchpilot.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    @Test
    void everyNthRequestIsRateLimitedWithTheGivenRetryAfter() {
        FaultInjector faults = new FaultInjector(() -> 0.99);
        faults.set(new FaultInjector.Faults(null, null, 3, 7));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            statuses.add(faults.decide().status());
        }
        assertEquals(List.of(0, 0, 429, 0, 0, 429, 0, 0, 429), statuses);
        faults.set(new FaultInjector.Faults(null, null, 1, null));
        FaultInjector.Decision decision = faults.decide();
        assertEquals(429, decision.status());
        assertEquals(1, decision.retryAfterSeconds());
    }

    @Test
    void errorRateFailsTheFractionTheRandomSourceSelects() {
        double[] draws = {0.1, 0.2, 0.9, 0.6, 0.3, 0.7};
        AtomicInteger next = new AtomicInteger();
        FaultInjector faults = new FaultInjector(() -> draws[next.getAndIncrement()]);
        faults.set(new FaultInjector.Faults(null, 0.5, null, null));
        // 0.1 < 0.5: fail, then 0.2 < 0.5 picks 500; 0.9: pass; 0.6: pass; 0.3: fail, then 0.7 picks 503
        assertEquals(500, faults.decide().status());
        assertEquals(0, faults.decide().status());
        assertEquals(0, faults.decide().status());
        assertEquals(503, faults.decide().status());
    }

    @Test
    void latencyAppliesToEveryRequestAndClearingStopsAllFaults() {
        FaultInjector faults = new FaultInjector(() -> 0.0);
        faults.set(new FaultInjector.Faults(250L, 1.0, null, null));
        FaultInjector.Decision decision = faults.decide();
        assertEquals(250, decision.latencyMs());
        assertEquals(500, decision.status());
        faults.clear();
        assertEquals(new FaultInjector.Decision(0, 0, 0), faults.decide());
    }

    @Test
    void rejectsSettingsOutOfRange() {
        assertEquals("errorRate must be between 0 and 1, got 1.5", assertThrows(SandboxException.class,
                () -> new FaultInjector.Faults(null, 1.5, null, null)).getMessage());
        assertEquals("rateLimitEvery must be at least 1, got 0", assertThrows(SandboxException.class,
                () -> new FaultInjector.Faults(null, null, 0, null)).getMessage());
        assertEquals("latencyMs must be between 0 and 60000, got -1", assertThrows(SandboxException.class,
                () -> new FaultInjector.Faults(-1L, null, null, null)).getMessage());
    }
}
