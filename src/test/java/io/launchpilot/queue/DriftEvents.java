package io.launchpilot.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects the drift events the reconciler fires, as the event ledger will receive them. */
@ApplicationScoped
public class DriftEvents {

    private final List<QueueDriftCorrected> events = new CopyOnWriteArrayList<>();

    void on(@Observes QueueDriftCorrected event) {
        events.add(event);
    }

    public List<QueueDriftCorrected> drain() {
        List<QueueDriftCorrected> copy = List.copyOf(events);
        events.clear();
        return copy;
    }
}
