package io.launchpilot.wandb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code RunQueuesWithConfig} request for several entities at once: the stored document
 * reads one entity under the alias {@code entity0}; for more, the same aliased {@code project}
 * field is repeated with {@code entity1}, {@code entity2}, ... so that a plan over many entities
 * still costs one round trip.
 */
final class RunQueuesWithConfig {

    static final String ALIAS = "entity";
    private static final String FRAGMENT = "LaunchProjectQueues";

    private RunQueuesWithConfig() {
    }

    /** The document for {@code count} entities; for one it is the stored document itself. */
    static String document(int count) {
        String stored = Operation.RUN_QUEUES_WITH_CONFIG.document();
        if (count == 1) {
            return stored;
        }
        int fragment = stored.indexOf("fragment " + FRAGMENT);
        if (fragment < 0) {
            throw new IllegalStateException(Operation.RUN_QUEUES_WITH_CONFIG.resourcePath()
                    + " lost its fragment " + FRAGMENT);
        }
        StringBuilder query = new StringBuilder("query ")
                .append(Operation.RUN_QUEUES_WITH_CONFIG.operationName())
                .append("($projectName: String!");
        for (int i = 0; i < count; i++) {
            query.append(", $").append(ALIAS).append(i).append(": String!");
        }
        query.append(") {\n");
        for (int i = 0; i < count; i++) {
            query.append("  ").append(ALIAS).append(i).append(": project(entityName: $").append(ALIAS).append(i)
                    .append(", name: $projectName) {\n    ...").append(FRAGMENT).append("\n  }\n");
        }
        return query.append("}\n\n").append(stored.substring(fragment)).toString();
    }

    static Map<String, Object> variables(List<String> entities) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("projectName", WandbClient.LAUNCH_PROJECT);
        for (int i = 0; i < entities.size(); i++) {
            variables.put(ALIAS + i, entities.get(i));
        }
        return variables;
    }

    static List<EntityRunQueues> read(JsonNode data, List<String> entities) {
        List<EntityRunQueues> result = new ArrayList<>();
        for (int i = 0; i < entities.size(); i++) {
            String entity = entities.get(i);
            JsonNode project = WandbJson.present(data, ALIAS + i);
            List<RunQueue> queues = new ArrayList<>();
            JsonNode list = WandbJson.present(project, "runQueues");
            if (list != null && list.isArray()) {
                list.forEach(node -> queues.add(WandbMapping.runQueue(node,
                        new QueueRef(entity, WandbJson.text(node, "name")), List.of())));
            }
            result.add(new EntityRunQueues(entity, project != null, queues));
        }
        return result;
    }
}
