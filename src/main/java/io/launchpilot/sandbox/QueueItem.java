package io.launchpilot.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An item in a run queue. State is PENDING, LEASED, CLAIMED or FAILED; {@code associatedRunId} is
 * the short id of the run started from it.
 */
public record QueueItem(long id, long queueId, String state, Map<String, Object> runSpec, int priority,
                        Map<String, Object> templateVariableValues, String associatedRunId, String launchAgentId,
                        Failure error, Instant createdAt, Instant updatedAt) {

    public QueueItem {
        runSpec = Json.frozen(runSpec);
        templateVariableValues = Json.frozen(templateVariableValues);
    }

    public QueueItem leased(String agentId, Instant now) {
        return new QueueItem(id, queueId, "LEASED", runSpec, priority, templateVariableValues, associatedRunId,
                agentId, error, createdAt, now);
    }

    public QueueItem claimed(String runName, Instant now) {
        return new QueueItem(id, queueId, "CLAIMED", runSpec, priority, templateVariableValues, runName,
                launchAgentId, error, createdAt, now);
    }

    public QueueItem failed(Failure failure, Instant now) {
        return new QueueItem(id, queueId, "FAILED", runSpec, priority, templateVariableValues, associatedRunId,
                launchAgentId, failure, createdAt, now);
    }

    /** Why an agent gave up on an item. */
    public record Failure(String message, String stage, List<String> filePaths) {

        public Failure {
            filePaths = Json.frozen(filePaths);
        }
    }
}
