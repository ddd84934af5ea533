package io.launchpilot.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.launchpilot.queue.QueueDefinition;
import io.launchpilot.queue.QueueSpecException;
import io.launchpilot.queue.QueueSpecLoader;
import io.launchpilot.queue.QueueSpecSet;
import io.launchpilot.spec.SpecProblem;
import io.quarkiverse.mcp.server.JsonRpcErrorCodes;
import io.quarkiverse.mcp.server.McpException;
import io.quarkiverse.mcp.server.RequestUri;
import io.quarkiverse.mcp.server.Resource;
import io.quarkiverse.mcp.server.ResourceTemplate;
import io.quarkiverse.mcp.server.TextResourceContents;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The user's declared configuration as MCP resources: each queue spec of {@code <config-dir>/queues} as YAML, and an
 * index of them. Read from the files at each request, so that an agent sees what the next reconciliation applies.
 */
public class SpecResources {

    static final String QUEUES = "launchpilot://queues";
    private static final String YAML = "application/yaml";

    private final QueueSpecLoader loader;
    private final YAMLMapper yaml = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // "8" must stay a string: a resource config's values are typed as the spec typed them
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();

    SpecResources(QueueSpecLoader loader) {
        this.loader = loader;
    }

    @Resource(uri = QUEUES, name = "queue_specs", title = "Declared run queues", mimeType = YAML,
            description = "Index of the run queue specs Launchpilot keeps W&B's queues in line with (config/queues):"
                    + " each queue's resource URI, entity/queue and the file:line that declares it.")
    TextResourceContents queueIndex() {
        List<Map<String, Object>> index = specs().queues().stream().map(queue -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("uri", uri(queue));
            entry.put("queue", queue.ref().path());
            entry.put("declaredAt", queue.position().toString());
            return entry;
        }).toList();
        return TextResourceContents.create(QUEUES, write(Map.of("queues", index)));
    }

    @ResourceTemplate(uriTemplate = QUEUES + "/{entity}/{name}", name = "queue_spec", title = "Run queue spec",
            mimeType = YAML,
            description = "One declared run queue spec (apiVersion launchpilot/v1, kind RunQueue) as YAML: what"
                    + " plan_queues and apply_queues take. Edit it and pass it to plan_queues to preview a change.")
    TextResourceContents queueSpec(String entity, String name, RequestUri uri) {
        QueueSpecSet specs = specs();
        QueueDefinition found = specs.queues().stream()
                .filter(queue -> queue.ref().entity().equals(entity) && queue.ref().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new McpException("no spec declares queue " + entity + "/" + name + "; declared: "
                        + specs.queues().stream().map(queue -> queue.ref().path()).collect(Collectors.joining(", ")),
                        JsonRpcErrorCodes.RESOURCE_NOT_FOUND));
        return TextResourceContents.create(uri.value(), write(found.document()));
    }

    private QueueSpecSet specs() {
        try {
            return loader.load(List.of());
        } catch (QueueSpecException e) {
            throw new McpException("the queue specs in " + loader.defaultDirectory() + " are invalid:\n"
                    + e.errors().stream().map(SpecProblem::toString).collect(Collectors.joining("\n")),
                    JsonRpcErrorCodes.INTERNAL_ERROR);
        }
    }

    private static String uri(QueueDefinition queue) {
        return QUEUES + "/" + queue.ref().entity() + "/" + queue.ref().name();
    }

    private String write(Object value) {
        try {
            return yaml.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
