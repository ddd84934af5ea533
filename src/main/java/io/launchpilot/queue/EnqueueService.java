package io.launchpilot.queue;

import io.launchpilot.queue.EnqueueRejectedException.Violation;
import io.launchpilot.wandb.DefaultResourceConfig;
import io.launchpilot.wandb.PrioritizationMode;
import io.launchpilot.wandb.QueuedRun;
import io.launchpilot.wandb.RunQueue;
import io.launchpilot.wandb.TemplateVariable;
import io.launchpilot.wandb.WandbClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Puts runs on queues after checking them against the queue as W&B holds it, so that a bad value
 * is refused with its rule before W&B (or a launch agent, much later) sees it. Costs one read of the
 * queue's settings (never its items) and the push.
 */
@ApplicationScoped
public class EnqueueService {

    private static final Logger LOG = Logger.getLogger(EnqueueService.class);

    private final WandbClient wandb;

    EnqueueService(WandbClient wandb) {
        this.wandb = wandb;
    }

    /**
     * @throws EnqueueRejectedException if the run does not fit the queue; nothing is pushed
     * @throws QueueNotFoundException if there is no such queue
     */
    public QueuedRun enqueue(EnqueueRequest request) {
        List<Violation> violations = new ArrayList<>();
        boolean job = request.job() != null && !request.job().isBlank();
        boolean image = request.image() != null && !request.image().isBlank();
        if (job == image) {
            violations.add(new Violation(job ? "image" : "job", "give exactly one of job and image"));
            throw new EnqueueRejectedException(request.queue(), violations);
        }
        RunQueue queue = wandb.queueSettings(request.queue())
                .orElseThrow(() -> new QueueNotFoundException(request.queue()));
        if (request.priority() != null && queue.prioritizationMode() != PrioritizationMode.V0) {
            violations.add(new Violation("priority", "queue " + request.queue().path() + " has prioritization "
                    + queue.prioritizationMode() + "; a priority needs a V0 queue"));
        }
        Map<String, Object> values = values(queue, request.variables(), violations);
        if (!violations.isEmpty()) {
            throw new EnqueueRejectedException(request.queue(), violations);
        }
        QueuedRun queued = wandb.push(request.queue(), runSpec(request, job), request.priority(), values);
        LOG.debugf("queue %s: enqueued item %s", request.queue().path(), queued.itemId());
        return queued;
    }

    /** The values to push, converted to their schema types; every broken rule is added to {@code violations}. */
    static Map<String, Object> values(RunQueue queue, Map<String, Object> given, List<Violation> violations) {
        DefaultResourceConfig config = queue.defaultResourceConfig();
        List<TemplateVariable> variables = config == null ? List.of() : config.templateVariables();
        Map<String, TemplateVariable> byName = new LinkedHashMap<>();
        variables.forEach(variable -> byName.put(variable.name(), variable));
        Map<String, Object> values = new LinkedHashMap<>();
        given.forEach((name, raw) -> {
            TemplateVariable variable = byName.get(name);
            if (variable == null) {
                violations.add(new Violation("vars." + name, byName.isEmpty()
                        ? "queue " + queue.ref().path() + " has no template variables"
                        : "queue " + queue.ref().path() + " has no template variable " + name + "; it has "
                                + String.join(", ", byName.keySet())));
                return;
            }
            Object value;
            try {
                value = TemplateVariableRules.coerce(variable.schema(), raw);
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("vars." + name, e.getMessage()));
                return;
            }
            String broken = TemplateVariableRules.violation(variable.schema(), value);
            if (broken != null) {
                violations.add(new Violation("vars." + name, broken));
                return;
            }
            values.put(name, value);
        });
        byName.forEach((name, variable) -> {
            if (!given.containsKey(name) && !variable.schema().containsKey("default")) {
                violations.add(new Violation("vars." + name, "is required: the queue's schema gives it no default"));
            }
        });
        return values;
    }

    private static Map<String, Object> runSpec(EnqueueRequest request, boolean job) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (job) {
            spec.put("job", request.job());
        } else {
            spec.put("docker", Map.of("docker_image", request.image()));
        }
        spec.put("entity", request.queue().entity());
        if (request.project() != null && !request.project().isBlank()) {
            spec.put("project", request.project());
        }
        if (request.runConfig() != null) {
            spec.put("overrides", Map.of("run_config", request.runConfig()));
        }
        if (request.marker() != null) {
            spec.put(EnqueueRequest.MARKER_KEY, request.marker());
        }
        return spec;
    }
}
