package io.launchpilot.queue;

import io.launchpilot.queue.EnqueueRejectedException.Violation;
import io.launchpilot.wandb.Priority;
import io.launchpilot.wandb.QueueRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run to put on a queue: exactly one of {@code job} (a W&B job artifact, e.g.
 * {@code acme/vision/train:latest}) and {@code image} (a container image); values for the queue's
 * template variables, as text (command line) or JSON values; an optional priority (V0 queues only),
 * run config ({@code overrides.run_config}) and project of the run.
 *
 * <p>{@code marker}, when given, is written into the run spec as {@value #MARKER_KEY}: the policy
 * action that enqueued the run, so that after a crash the outbox can find the item it already pushed.
 */
public record EnqueueRequest(QueueRef queue, String job, String image, Map<String, Object> variables,
        Priority priority, Map<String, Object> runConfig, String project, String marker) {

    /** The run spec key that carries {@link #marker()}; launch agents ignore keys they do not know. */
    public static final String MARKER_KEY = "launchpilot_action_id";

    /** A request without a marker, as the CLI and REST send it. */
    public EnqueueRequest(QueueRef queue, String job, String image, Map<String, Object> variables, Priority priority,
            Map<String, Object> runConfig, String project) {
        this(queue, job, image, variables, priority, runConfig, project, null);
    }

    public EnqueueRequest {
        if (queue == null) {
            throw new IllegalArgumentException("an enqueue request needs a queue");
        }
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        runConfig = runConfig == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(runConfig));
    }

    /**
     * A priority as people and agents write it ({@code critical}, {@code high}, {@code medium}, {@code low}, any case),
     * or null for none.
     *
     * @throws EnqueueRejectedException for any other text
     */
    public static Priority priority(QueueRef queue, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Priority.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EnqueueRejectedException(queue, List.of(new Violation("priority",
                    "must be one of critical, high, medium, low, got \"" + text + "\"")));
        }
    }
}
