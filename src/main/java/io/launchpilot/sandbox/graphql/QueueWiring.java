package io.launchpilot.sandbox.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;
import static io.launchpilot.sandbox.graphql.Fetchers.input;
import static io.launchpilot.sandbox.graphql.Fetchers.integer;
import static io.launchpilot.sandbox.graphql.Fetchers.jsonObject;
import static io.launchpilot.sandbox.graphql.Fetchers.of;
import static io.launchpilot.sandbox.graphql.Fetchers.payload;
import static io.launchpilot.sandbox.graphql.Fetchers.string;
import static io.launchpilot.sandbox.graphql.Fetchers.strings;

import graphql.schema.idl.RuntimeWiring;
import io.launchpilot.sandbox.Ids;
import io.launchpilot.sandbox.Json;
import io.launchpilot.sandbox.Project;
import io.launchpilot.sandbox.ProjectRef;
import io.launchpilot.sandbox.QueueItem;
import io.launchpilot.sandbox.QueueService;
import io.launchpilot.sandbox.ResourceConfig;
import io.launchpilot.sandbox.RunQueue;
import io.launchpilot.sandbox.SandboxException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** Launch: run queues, default resource configs, queue items, and the queue and agent mutations. */
@ApplicationScoped
class QueueWiring implements Wiring {

    private final QueueService queues;

    QueueWiring(QueueService queues) {
        this.queues = queues;
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type(newTypeWiring("Project")
                .dataFetcher("runQueue", of(Project.class, (p, env) -> queues.find(p.ref(), env.getArgument("name")).orElse(null)))
                .dataFetcher("runQueues", of(Project.class, p -> queues.list(p.ref()))));
        wiring.type(newTypeWiring("Entity")
                .dataFetcher("defaultResourceConfig", of(AccountWiring.Entity.class, (e, env) -> Ids
                        .parse("DefaultResourceConfig", env.getArgument("id")).stream()
                        .mapToObj(id -> queues.resourceConfig(e.name(), id).orElse(null)).findFirst().orElse(null))));
        wiring.type(newTypeWiring("RunQueue")
                .dataFetcher("id", of(RunQueue.class, q -> Ids.of("RunQueue", q.id())))
                .dataFetcher("name", of(RunQueue.class, RunQueue::name))
                .dataFetcher("entityName", of(RunQueue.class, q -> q.project().entity()))
                .dataFetcher("projectName", of(RunQueue.class, q -> q.project().name()))
                .dataFetcher("access", of(RunQueue.class, RunQueue::access))
                .dataFetcher("createdBy", of(RunQueue.class, RunQueue::createdBy))
                .dataFetcher("createdAt", of(RunQueue.class, RunQueue::createdAt))
                .dataFetcher("updatedAt", of(RunQueue.class, RunQueue::updatedAt))
                .dataFetcher("defaultResourceConfigID", of(RunQueue.class, q -> q.resourceConfigId() == null ? null
                        : Ids.of("DefaultResourceConfig", q.resourceConfigId())))
                .dataFetcher("defaultResourceConfig", of(RunQueue.class, q -> q.resourceConfigId() == null ? null
                        : queues.resourceConfig(null, q.resourceConfigId()).orElse(null)))
                .dataFetcher("prioritizationMode", of(RunQueue.class, RunQueue::prioritizationMode))
                .dataFetcher("externalLinks", of(RunQueue.class, RunQueue::externalLinks))
                .dataFetcher("runQueueItems", of(RunQueue.class, (q, env) ->
                        queues.items(q, env.getArgument("after"), env.getArgument("first"))))
                .dataFetcher("runQueueItem", of(RunQueue.class, (q, env) -> Ids.parse("RunQueueItem", env.getArgument("id"))
                        .stream().mapToObj(id -> queues.item(id).filter(i -> i.queueId() == q.id()).orElse(null))
                        .findFirst().orElse(null))));
        wiring.type(newTypeWiring("DefaultResourceConfig")
                .dataFetcher("id", of(ResourceConfig.class, rc -> Ids.of("DefaultResourceConfig", rc.id())))
                .dataFetcher("entityName", of(ResourceConfig.class, ResourceConfig::entity))
                .dataFetcher("resource", of(ResourceConfig.class, ResourceConfig::resource))
                .dataFetcher("config", of(ResourceConfig.class, ResourceConfig::config))
                .dataFetcher("templateVariables", of(ResourceConfig.class, QueueWiring::templateVariables))
                .dataFetcher("createdAt", of(ResourceConfig.class, ResourceConfig::createdAt))
                .dataFetcher("updatedAt", of(ResourceConfig.class, ResourceConfig::updatedAt)));
        wiring.type(newTypeWiring("RunQueueItem")
                .dataFetcher("id", of(QueueItem.class, i -> Ids.of("RunQueueItem", i.id())))
                .dataFetcher("state", of(QueueItem.class, QueueItem::state))
                .dataFetcher("runSpec", of(QueueItem.class, QueueItem::runSpec))
                .dataFetcher("priority", of(QueueItem.class, QueueItem::priority))
                .dataFetcher("createdAt", of(QueueItem.class, QueueItem::createdAt))
                .dataFetcher("updatedAt", of(QueueItem.class, QueueItem::updatedAt))
                .dataFetcher("associatedRunId", of(QueueItem.class, QueueItem::associatedRunId))
                .dataFetcher("launchAgentId", of(QueueItem.class, QueueItem::launchAgentId))
                .dataFetcher("templateVariableValues", of(QueueItem.class, QueueItem::templateVariableValues))
                .dataFetcher("error", of(QueueItem.class, i -> i.error() == null ? null : payload(
                        "message", i.error().message(), "stage", i.error().stage(), "filePaths", i.error().filePaths())))
                .dataFetcher("warnings", env -> List.of()));
        wiring.type(newTypeWiring("Mutation")
                .dataFetcher("createDefaultResourceConfig", env -> {
                    Map<String, Object> input = input(env);
                    ResourceConfig rc = queues.createResourceConfig(string(input, "entityName"), string(input, "resource"),
                            Json.object(input.get("config"), "config"), Json.object(input.get("templateVariables"), "templateVariables"));
                    return payload("defaultResourceConfigID", Ids.of("DefaultResourceConfig", rc.id()), "success", true,
                            "clientMutationId", input.get("clientMutationId"));
                })
                .dataFetcher("createRunQueue", env -> {
                    Map<String, Object> input = input(env);
                    String rcId = string(input, "defaultResourceConfigID");
                    RunQueue queue = queues.create(project(input), string(input, "queueName"), string(input, "access"),
                            string(input, "prioritizationMode"),
                            rcId == null ? null : Ids.require("DefaultResourceConfig", rcId),
                            jsonObject(input.get("externalLinks"), "externalLinks"));
                    return payload("success", true, "queueID", Ids.of("RunQueue", queue.id()),
                            "clientMutationId", input.get("clientMutationId"));
                })
                .dataFetcher("upsertRunQueue", env -> {
                    Map<String, Object> input = input(env);
                    List<String> problems = queues.upsert(project(input), string(input, "queueName"),
                            string(input, "resourceType"), Json.object(input.get("resourceConfig"), "resourceConfig"),
                            jsonObject(input.get("templateVariables"), "templateVariables"),
                            string(input, "prioritizationMode"), jsonObject(input.get("externalLinks"), "externalLinks"));
                    return payload("success", true, "configSchemaValidationErrors", problems,
                            "clientMutationId", input.get("clientMutationId"));
                })
                .dataFetcher("deleteRunQueues", env -> {
                    Map<String, Object> input = input(env);
                    List<Long> ids = strings(input.get("queueIDs")).stream().map(id -> Ids.require("RunQueue", id)).toList();
                    return payload("success", queues.delete(ids), "clientMutationId", input.get("clientMutationId"));
                })
                .dataFetcher("deleteFromRunQueue", env -> {
                    Map<String, Object> input = input(env);
                    boolean deleted = queues.deleteItem(Ids.require("RunQueue", string(input, "queueID")),
                            Ids.require("RunQueueItem", string(input, "runQueueItemId")));
                    return payload("success", deleted, "clientMutationId", input.get("clientMutationId"));
                })
                .dataFetcher("pushToRunQueueByName", env -> {
                    Map<String, Object> input = input(env);
                    ProjectRef project = project(input);
                    RunQueue queue = queues.find(project, string(input, "queueName")).orElseThrow(() ->
                            SandboxException.notFound("run queue " + string(input, "queueName") + " not found in " + project));
                    return push(queue.id(), input);
                })
                .dataFetcher("pushToRunQueue", env -> push(Ids.require("RunQueue", string(input(env), "queueID")), input(env)))
                .dataFetcher("popFromRunQueue", env -> {
                    Map<String, Object> input = input(env);
                    return queues.pop(project(input), string(input, "queueName"), string(input, "launchAgentId"))
                            .map(item -> payload("runQueueItemId", Ids.of("RunQueueItem", item.id()),
                                    "runSpec", item.runSpec(), "clientMutationId", input.get("clientMutationId")))
                            .orElse(null);
                })
                .dataFetcher("ackRunQueueItem", env -> {
                    Map<String, Object> input = input(env);
                    queues.ack(Ids.require("RunQueueItem", string(input, "runQueueItemId")), string(input, "runName"));
                    return payload("success", true, "clientMutationId", input.get("clientMutationId"));
                })
                .dataFetcher("failRunQueueItem", env -> {
                    Map<String, Object> input = input(env);
                    List<String> files = strings(input.get("filePaths"));
                    queues.fail(Ids.require("RunQueueItem", string(input, "runQueueItemId")), new QueueItem.Failure(
                            string(input, "message"), string(input, "stage"), files == null ? List.of() : files));
                    return payload("success", true, "clientMutationId", input.get("clientMutationId"));
                }));
    }

    private Map<String, Object> push(long queueId, Map<String, Object> input) {
        Map<String, Object> values = jsonObject(input.get("templateVariableValues"), "templateVariableValues");
        QueueService.Pushed pushed = queues.push(queueId, Json.object(input.get("runSpec"), "runSpec"),
                integer(input.get("priority")), values == null ? Map.of() : values);
        return payload("runQueueItemId", Ids.of("RunQueueItem", pushed.item().id()),
                "runSpec", pushed.item().runSpec(), "clientMutationId", input.get("clientMutationId"));
    }

    private static ProjectRef project(Map<String, Object> input) {
        return new ProjectRef(string(input, "entityName"), string(input, "projectName"));
    }

    /** W&B lists template variables with each schema as JSON text. */
    private static List<Map<String, Object>> templateVariables(ResourceConfig rc) {
        return rc.templateVariables().entrySet().stream().map(e -> {
            Map<?, ?> definition = e.getValue() instanceof Map<?, ?> m ? m : Map.of();
            return payload("name", e.getKey(), "description", definition.get("description"),
                    "schema", Json.write(definition.get("schema") == null ? Map.of() : definition.get("schema")));
        }).toList();
    }
}
