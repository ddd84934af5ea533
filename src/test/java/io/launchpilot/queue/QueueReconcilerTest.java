package io.launchpilot.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When background reconciliation runs, and how its intervals are read. */
class QueueReconcilerTest {

    @Test
    void onlyServeReconcilesInTheBackground() {
        assertTrue(QueueReconciler.runs(Optional.of("serve")));
        assertTrue(QueueReconciler.runs(Optional.empty()), "no mode: tests and dev mode");
        assertFalse(QueueReconciler.runs(Optional.of("command")));
        assertFalse(QueueReconciler.runs(Optional.of("sandbox")));
    }

    @Test
    void intervalsAreDurationsOrOff() {
        assertEquals(Optional.of(Duration.ofMinutes(5)), QueueReconciler.interval("k", "5m"));
        assertEquals(Optional.of(Duration.ofSeconds(30)), QueueReconciler.interval("k", "30s"));
        assertEquals(Optional.of(Duration.ofHours(1)), QueueReconciler.interval("k", "PT1H"));
        assertEquals(Optional.empty(), QueueReconciler.interval("k", "off"));
        assertEquals(Optional.empty(), QueueReconciler.interval("k", "OFF"));
        assertEquals(Optional.empty(), QueueReconciler.interval("k", "false"), "unquoted off in YAML");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> QueueReconciler.interval("launchpilot.queues.reconcile-every", "often"));
        assertEquals("launchpilot.queues.reconcile-every must be a duration such as 5m, 30s or 1h, or off; got 'often'",
                bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QueueReconciler.interval("k", "0s"));
    }
}
