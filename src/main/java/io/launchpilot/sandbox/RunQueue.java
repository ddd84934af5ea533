package io.launchpilot.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * A W&B Launch run queue. {@code externalLinks} is W&B's {@code {"links": [{label, url}]}};
 * {@code resourceConfigId} names its default resource config, if any.
 */
public record RunQueue(long id, ProjectRef project, String name, String access, String prioritizationMode,
                       Long resourceConfigId, Map<String, Object> externalLinks, String createdBy, Instant createdAt,
                       Instant updatedAt) {

    public RunQueue {
        externalLinks = Json.frozen(externalLinks);
    }
}
