package io.launchpilot.sandbox;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the GraphQL requests the sandbox received, by operation name. */
@ApplicationScoped
public class SandboxStats {

    /** What requests carry no operation name (anonymous or unparseable documents) count under. */
    public static final String ANONYMOUS = "anonymous";

    private final Map<String, LongAdder> operations = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();

    /** The counts as the control API shows them. */
    @RegisterForReflection
    public record Snapshot(long total, Map<String, Long> operations) {
    }

    public void count(String operation) {
        total.increment();
        operations.computeIfAbsent(operation, o -> new LongAdder()).increment();
    }

    public Snapshot snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        operations.forEach((name, count) -> counts.put(name, count.sum()));
        return new Snapshot(total.sum(), counts);
    }

    public void clear() {
        operations.clear();
        total.reset();
    }
}
