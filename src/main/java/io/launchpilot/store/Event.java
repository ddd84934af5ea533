package io.launchpilot.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * One entry of the event ledger.
 *
 * @param id position in the ledger; ids grow in commit order
 * @param type what happened, e.g. {@code run.state_changed}
 * @param subject what it happened to, e.g. {@code acme/vision/a1b2c3d4}
 * @param source what recorded it, e.g. {@code watch}
 * @param observedAt when Launchpilot saw it
 * @param payload the details, a JSON object
 */
@RegisterForReflection
public record Event(long id, String type, String subject, String source, Instant observedAt, JsonNode payload) {
}
