package io.launchpilot.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.launchpilot.policy.PolicyService;
import io.launchpilot.policy.PolicySpecException;
import io.launchpilot.policy.PolicyView;
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
 * The user's declared configuration as MCP resources: each queue spec of {@code <config-dir>/queues} as YAML, each
 * policy of {@code <config-dir>/policies} with its latest firings, and an index of each. Read from the files at each
 * request, so that an agent sees what the next reconciliation applies and what the policies run.
 */
public class SpecResources {

    static final String QUEUES = "launchpilot://queues";
    static final String POLICIES = "launchpilot://policies";
    private static final String YAML = "application/yaml";

    private final QueueSpecLoader loader;
    private final PolicyService policies;
    private final YAMLMapper yaml = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // "8" must stay a string: a resource config's values are typed as the spec typed them
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();

    SpecResources(QueueSpecLoader loader, PolicyService policies) {
        this.loader = loader;
        this.policies = policies;
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

    @Resource(uri = POLICIES, name = "policies", title = "Policies", mimeType = YAML,
            description = "Index of the policies Launchpilot runs (config/policies): each policy's resource URI, mode,"
                    + " triggers and the file:line that declares it.")
    TextResourceContents policyIndex() {
        List<Map<String, Object>> index = policyViews().stream().map(policy -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("uri", POLICIES + "/" + policy.name());
            entry.put("mode", policy.mode());
            entry.put("triggers", policy.triggers());
            entry.put("declaredAt", policy.source());
            return entry;
        }).toList();
        return TextResourceContents.create(POLICIES, write(Map.of("policies", index)));
    }

    @ResourceTemplate(uriTemplate = POLICIES + "/{name}", name = "policy", title = "Policy", mimeType = YAML,
            description = "One running policy as YAML: its triggers, condition, hold time, actions, limits and mode,"
                    + " with its latest firings (newest first) when serve records them.")
    TextResourceContents policy(String name, RequestUri uri) {
        PolicyService.Detail detail;
        try {
            detail = policies.get(name).orElseThrow(() -> new McpException("no policy named " + name + "; see "
                    + POLICIES, JsonRpcErrorCodes.RESOURCE_NOT_FOUND));
        } catch (PolicySpecException e) {
            throw invalid("policies", e.problems());
        }
        return TextResourceContents.create(uri.value(), write(detail));
    }

    private List<PolicyView> policyViews() {
        try {
            return policies.list();
        } catch (PolicySpecException e) {
            throw invalid("policies", e.problems());
        }
    }

    private static McpException invalid(String what, List<SpecProblem> problems) {
        return new McpException("the " + what + " in the configuration are invalid:\n"
                + problems.stream().filter(SpecProblem::isError).map(SpecProblem::toString)
                        .collect(Collectors.joining("\n")), JsonRpcErrorCodes.INTERNAL_ERROR);
    }

    private QueueSpecSet specs() {
        try {
            return loader.load(List.of());
        } catch (QueueSpecException e) {
            throw invalid("queue specs", e.problems());
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
