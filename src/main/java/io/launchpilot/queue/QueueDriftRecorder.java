package io.launchpilot.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.store.NewEvent;
import io.launchpilot.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;

/**
 * Records every drift that continuous reconciliation put back as a {@code queue.drift_corrected}
 * event in the ledger, beside what the watchers see, so people and policies can tell who changed what.
 */
@ApplicationScoped
class QueueDriftRecorder {

    static final String TYPE = "queue.drift_corrected";

    private final Store store;
    private final ObjectMapper mapper;

    QueueDriftRecorder(Store store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    void record(@Observes QueueDriftCorrected drift) {
        ObjectNode payload = mapper.createObjectNode();
        payload.put("kind", drift.kind().name().toLowerCase(Locale.ROOT));
        payload.set("fields", mapper.valueToTree(drift.fields()));
        payload.set("changes", mapper.valueToTree(drift.changes()));
        NewEvent event = new NewEvent(TYPE, drift.queue().entity() + "/" + drift.queue().name(), "queues", payload);
        store.transaction(tx -> tx.append(List.of(event), drift.correctedAt()));
    }
}
