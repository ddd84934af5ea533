package io.launchpilot.policy.action;

import io.launchpilot.metrics.MetricNames;
import io.launchpilot.store.ActionState;
import io.launchpilot.store.OutboxStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox's meters: {@code launchpilot.actions} (counter by {@code type} and {@code outcome}: done,
 * retry, failed, dead), {@code launchpilot.actions.latency} (from the firing to the action done, by
 * {@code type}) and {@code launchpilot.outbox.depth} (gauge by {@code state}: pending, running, failed,
 * dead, cancelled; refreshed by every executor pass).
 */
@ApplicationScoped
public class ActionMetrics {

    private final MeterRegistry registry;
    private final Map<ActionState, AtomicLong> depth = new EnumMap<>(ActionState.class);

    ActionMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (ActionState state : OutboxStore.DEPTH_STATES) {
            AtomicLong value = new AtomicLong();
            depth.put(state, value);
            Gauge.builder(MetricNames.OUTBOX_DEPTH, value, AtomicLong::get)
                    .description("Actions in the outbox by state")
                    .tag("state", state.wire())
                    .register(registry);
        }
    }

    void outcome(String type, String outcome) {
        Counter.builder(MetricNames.ACTIONS).description("Action attempts by type and outcome")
                .tag("type", type).tag("outcome", outcome).register(registry).increment();
    }

    void latency(String type, Duration sinceFiring) {
        Timer.builder(MetricNames.ACTIONS_LATENCY).description("From a firing to its action done")
                .tag("type", type).publishPercentiles(0.5, 0.99).register(registry)
                .record(sinceFiring.isNegative() ? Duration.ZERO : sinceFiring);
    }

    void depth(Map<ActionState, Long> counts) {
        depth.forEach((state, value) -> value.set(counts.getOrDefault(state, 0L)));
    }
}
