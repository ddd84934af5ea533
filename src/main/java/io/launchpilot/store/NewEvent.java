package io.launchpilot.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** An event about to be appended to the ledger; the ledger gives it its id and time. */
public record NewEvent(String type, String subject, String source, JsonNode payload) {

    public NewEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(payload, "payload");
        if (!payload.isObject()) {
            throw new IllegalArgumentException("an event payload is a JSON object, got " + payload.getNodeType());
        }
    }
}
