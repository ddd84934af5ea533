package io.launchpilot.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.policy.FiringView;
import io.launchpilot.policy.PolicyNotFoundException;
import io.launchpilot.policy.PolicyService;
import io.launchpilot.policy.PolicyView;
import io.launchpilot.policy.action.ActionService;
import io.launchpilot.store.ActionPage;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Policies and their actions for agents: the same services as {@code launchpilot policies ...} and the REST API. */
@ToolErrors
public class PolicyTools {

    /** The running policies, at most limit of {@code total}. */
    @RegisterForReflection
    public record PolicyList(List<PolicyView> policies, int total, boolean truncated) {
    }

    /** Policies that parsed and passed every check. */
    @RegisterForReflection
    public record Validation(boolean valid, List<PolicyView> policies) {
    }

    /** The firings one policy would make now, with their resolved actions. */
    @RegisterForReflection
    public record DryRun(String policy, List<FiringView> firings) {
    }

    private final PolicyService policies;
    private final ActionService actions;
    private final StoreAccess store;
    private final ObjectMapper json;

    PolicyTools(PolicyService policies, ActionService actions, StoreAccess store, ObjectMapper json) {
        this.policies = policies;
        this.actions = actions;
        this.store = store;
        this.json = json;
    }

    @Tool(name = "list_policies", structuredContent = true,
            description = "List the policies Launchpilot runs (config/policies): name, mode (enforce or audit),"
                    + " triggers, condition (when), hold time (for), action types, limits (cooldown, maxPerHour) and the"
                    + " file:line that declares each. Use list_actions for what they did.",
            annotations = @Annotations(title = "List policies", readOnlyHint = true, destructiveHint = false,
                    idempotentHint = true, openWorldHint = false))
    public PolicyList listPolicies(@ToolArg(description = ResultLimit.DESCRIPTION, defaultValue = "50") int limit) {
        ResultLimit.check(limit);
        List<PolicyView> all = policies.list();
        return new PolicyList(all.stream().limit(limit).toList(), all.size(), all.size() > limit);
    }

    @Tool(name = "validate_policy", structuredContent = true,
            description = "Check policy YAML (one or more documents of kind Policy) without loading or running it:"
                    + " every problem at policy:line:column (unknown keys, bad triggers, conditions in W&B's filter"
                    + " language, ${...} references, action parameters), else the policies as they would run.",
            annotations = @Annotations(title = "Validate a policy", readOnlyHint = true, destructiveHint = false,
                    idempotentHint = true, openWorldHint = false))
    public Validation validatePolicy(@ToolArg(description = "The policy YAML text.") String policy) {
        if (policy == null || policy.isBlank()) {
            throw new ToolCallException("policy is empty: give one or more Policy documents as YAML text");
        }
        return new Validation(true, policies.validate(policy));
    }

    @Tool(name = "dry_run_policy", structuredContent = true,
            description = "Show which actions a running policy would fire, with their parameters resolved, for an event"
                    + " (type, subject, payload, as list_events shows them) or for a run (its condition checked on the"
                    + " run as W&B has it now). Reads W&B, acts on nothing, records nothing; limits and for: are not"
                    + " applied. Give exactly one of event and run.",
            annotations = @Annotations(title = "Dry-run a policy", readOnlyHint = true, destructiveHint = false,
                    idempotentHint = true, openWorldHint = true))
    public DryRun dryRunPolicy(
            @ToolArg(description = "The policy's name, as list_policies shows it.") String policy,
            @ToolArg(description = "An event: {\"type\": \"run.state_changed\", \"subject\": \"acme/vision/a1b2c3d4\","
                    + " \"payload\": {...}}.", required = false) Map<String, Object> event,
            @ToolArg(description = "A run as entity/project/run-id.", required = false) String run) {
        boolean byEvent = event != null && !event.isEmpty();
        boolean byRun = run != null && !run.isBlank();
        if (byEvent == byRun) {
            throw new ToolCallException("give exactly one of event ({type, subject, payload}) and run (entity/project/id)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (byEvent) {
            body.putAll(event);
        } else {
            body.put("run", run.strip());
        }
        JsonNode tree = json.valueToTree(body);
        List<FiringView> firings = policies.dryRun(policy, tree).orElseThrow(() -> new PolicyNotFoundException(policy));
        return new DryRun(policy, firings);
    }

    @Tool(name = "list_actions", structuredContent = true,
            description = "List the actions policies fired (the action outbox), newest first: type, parameters, state"
                    + " (pending, running, done, failed, dead, audit, cancelled), attempts, last error and result. For the next page"
                    + " pass the result's next as cursor; next is null on the last page.",
            annotations = @Annotations(title = "List actions", readOnlyHint = true, destructiveHint = false,
                    idempotentHint = true, openWorldHint = false))
    public ActionPage listActions(
            @ToolArg(description = "Only actions in this state: pending, running, done, failed, dead, audit or cancelled.",
                    required = false) String state,
            @ToolArg(description = "Only actions of this policy.", required = false) String policy,
            @ToolArg(description = "The next of the previous page.", required = false) String cursor,
            @ToolArg(description = ResultLimit.DESCRIPTION, defaultValue = "50") int limit) {
        ResultLimit.check(limit);
        store.require("the action outbox");
        return actions.list(state, policy, cursor, limit);
    }
}
