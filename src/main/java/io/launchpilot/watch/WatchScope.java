package io.launchpilot.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.wandb.ProjectRef;
import io.launchpilot.wandb.QueueRef;
import java.util.ArrayList;
import java.util.List;

/**
 * One watched project, checked: its run filter (W&B's filter language, {@code {}} for all runs), the
 * sweeps to follow (names; {@code allSweeps} for every sweep of the project) and the entity's queues
 * to follow.
 */
public record WatchScope(ProjectRef project, String filter, boolean allSweeps, List<String> sweeps,
        List<QueueRef> queues) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public WatchScope {
        filter = filter == null || filter.isBlank() ? "{}" : filter.strip();
        sweeps = sweeps == null ? List.of() : List.copyOf(sweeps);
        queues = queues == null ? List.of() : List.copyOf(queues);
        checkFilter(project, filter);
    }

    /** A scope of every run of a project, with no sweep and no queue. */
    public static WatchScope runs(ProjectRef project) {
        return new WatchScope(project, null, false, List.of(), List.of());
    }

    /**
     * The configured scopes.
     *
     * @throws IllegalArgumentException naming the entry that is wrong
     */
    public static List<WatchScope> of(WatchConfig config) {
        List<WatchScope> result = new ArrayList<>();
        List<WatchConfig.Scope> scopes = config.scopes().orElse(List.of());
        for (int i = 0; i < scopes.size(); i++) {
            WatchConfig.Scope scope = scopes.get(i);
            try {
                ProjectRef project = new ProjectRef(scope.entity(), scope.project());
                List<String> sweeps = scope.sweeps().orElse(List.of());
                List<QueueRef> queues = scope.queues().orElse(List.of()).stream()
                        .map(name -> new QueueRef(scope.entity(), name)).toList();
                result.add(new WatchScope(project, scope.filter().orElse(null), sweeps.contains("*"),
                        sweeps.stream().filter(name -> !name.equals("*")).toList(), queues));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("launchpilot.watch.scopes[" + i + "]: " + e.getMessage(), e);
            }
        }
        return result;
    }

    /** A filter W&B would only answer with an error is refused at start-up, not at every poll. */
    private static void checkFilter(ProjectRef project, String filter) {
        try {
            JsonNode parsed = JSON.readTree(filter);
            if (parsed == null || !parsed.isObject()) {
                throw new IllegalArgumentException("filter of " + project.path() + " must be a JSON object, got "
                        + filter);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("filter of " + project.path() + " is not JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
