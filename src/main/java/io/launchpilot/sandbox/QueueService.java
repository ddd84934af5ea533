package io.launchpilot.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Launch run queues, their default resource configs, and the items pushed to them. */
@ApplicationScoped
public class QueueService {

    /** The project that holds an entity's run queues, as the SDK uses it. */
    public static final String LAUNCH_PROJECT = "model-registry";

    /** W&B's default priority ("medium") for items pushed without one. */
    public static final int DEFAULT_PRIORITY = 2;

    private static final Set<String> ACCESS = Set.of("PROJECT", "USER");
    private static final Set<String> MODES = Set.of("DISABLED", "V0");

    private final SandboxStore store;
    private final Clock clock;

    QueueService(SandboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** createDefaultResourceConfig. */
    public ResourceConfig createResourceConfig(String entity, String resource, Map<String, Object> config,
                                               Map<String, Object> templateVariables) {
        Names.require(entity, "entityName");
        if (resource == null || resource.isBlank()) {
            throw SandboxException.invalid("resource is required");
        }
        return store.write(data -> {
            Instant now = clock.instant();
            ResourceConfig rc = new ResourceConfig(data.nextId(), entity, resource, config, templateVariables, now, now);
            data.resourceConfigs.put(rc.id(), rc);
            return rc;
        });
    }

    public Optional<ResourceConfig> resourceConfig(String entity, long id) {
        return store.read(data -> Optional.ofNullable(data.resourceConfigs.get(id))
                .filter(rc -> entity == null || rc.entity().equals(entity)));
    }

    /** createRunQueue: fails if the project already has a queue of that name. */
    public RunQueue create(ProjectRef project, String name, String access, String prioritizationMode,
                           Long resourceConfigId, Map<String, Object> externalLinks) {
        Names.require(project.entity(), "entityName");
        Names.require(project.name(), "projectName");
        Names.require(name, "queueName");
        requireOneOf(access, ACCESS, "access");
        String mode = prioritizationMode == null ? "DISABLED" : requireOneOf(prioritizationMode, MODES, "prioritizationMode");
        return store.write(data -> {
            if (findIn(data, project, name).isPresent()) {
                throw SandboxException.conflict("run queue " + name + " already exists in " + project);
            }
            if (resourceConfigId != null && !data.resourceConfigs.containsKey(resourceConfigId)) {
                throw SandboxException.notFound("default resource config "
                        + Ids.of("DefaultResourceConfig", resourceConfigId) + " not found");
            }
            Instant now = clock.instant();
            data.ensureProject(project, now);
            RunQueue queue = new RunQueue(data.nextId(), project, name, access, mode, resourceConfigId,
                    externalLinks == null ? Map.of("links", List.of()) : externalLinks, Viewer.USERNAME,
                    data.created(now), now);
            data.queues.put(queue.id(), queue);
            return queue;
        });
    }

    /**
     * upsertRunQueue: creates or replaces the queue's resource config and settings. Returns the
     * config schema problems, which W&B reports without refusing the queue.
     */
    public List<String> upsert(ProjectRef project, String name, String resourceType, Map<String, Object> config,
                               Map<String, Object> templateVariables, String prioritizationMode,
                               Map<String, Object> externalLinks) {
        Names.require(project.entity(), "entityName");
        Names.require(project.name(), "projectName");
        Names.require(name, "queueName");
        if (resourceType == null || resourceType.isBlank()) {
            throw SandboxException.invalid("resourceType is required");
        }
        String mode = prioritizationMode == null ? null : requireOneOf(prioritizationMode, MODES, "prioritizationMode");
        Map<String, Object> variables = templateVariables == null ? Map.of() : templateVariables;
        List<String> problems = TemplateVariables.problems(variables, config);
        store.update(data -> {
            Instant now = clock.instant();
            data.ensureProject(project, now);
            Optional<RunQueue> existing = findIn(data, project, name);
            if (existing.isPresent() && "V0".equals(existing.get().prioritizationMode()) && "DISABLED".equals(mode)) {
                throw SandboxException.invalid("prioritization of run queue " + name + " cannot go from V0 back to DISABLED");
            }
            ResourceConfig rc = existing.map(RunQueue::resourceConfigId).map(data.resourceConfigs::get)
                    .map(old -> new ResourceConfig(old.id(), old.entity(), resourceType, config,
                            templateVariables == null ? old.templateVariables() : templateVariables, old.createdAt(), now))
                    .orElseGet(() -> new ResourceConfig(data.nextId(), project.entity(), resourceType, config, variables,
                            now, now));
            data.resourceConfigs.put(rc.id(), rc);
            RunQueue queue = existing
                    .map(q -> new RunQueue(q.id(), project, name, q.access(), mode != null ? mode : q.prioritizationMode(),
                            rc.id(), externalLinks != null ? externalLinks : q.externalLinks(), q.createdBy(),
                            q.createdAt(), now))
                    .orElseGet(() -> new RunQueue(data.nextId(), project, name, "PROJECT",
                            mode != null ? mode : "DISABLED", rc.id(),
                            externalLinks != null ? externalLinks : Map.of("links", List.of()), Viewer.USERNAME,
                            data.created(now), now));
            data.queues.put(queue.id(), queue);
        });
        return problems;
    }

    public Optional<RunQueue> find(ProjectRef project, String name) {
        return store.read(data -> findIn(data, project, name));
    }

    public List<RunQueue> list(ProjectRef project) {
        return store.read(data -> data.queues.values().stream().filter(q -> q.project().equals(project)).toList());
    }

    /** Queues of an entity, whatever their project. */
    public List<RunQueue> ofEntity(String entity) {
        return store.read(data -> data.queues.values().stream().filter(q -> q.project().entity().equals(entity)).toList());
    }

    /** deleteRunQueues: removes the queues and their items; false if any id was unknown. */
    public boolean delete(List<Long> queueIds) {
        return store.write(data -> {
            boolean all = true;
            for (long id : queueIds) {
                all &= data.queues.remove(id) != null;
                data.items.values().removeIf(item -> item.queueId() == id);
            }
            return all;
        });
    }

    public boolean deleteItem(long queueId, long itemId) {
        return store.write(data -> {
            QueueItem item = data.items.get(itemId);
            if (item == null || item.queueId() != queueId) {
                return false;
            }
            data.items.remove(itemId);
            return true;
        });
    }

    /** The queue's items in the order an agent takes them (by priority first on V0 queues). */
    public Page<QueueItem> items(RunQueue queue, String after, Integer first) {
        List<QueueItem> sorted = store.read(data -> itemsIn(data, queue));
        Predicate<QueueItem> afterCursor = null;
        if (after != null && !after.isEmpty()) {
            List<Object> position = Cursors.decode(after, 2);
            QueueItem probe = new QueueItem(Cursors.number(position.get(1), after), queue.id(), "PENDING", Map.of(),
                    (int) Cursors.number(position.get(0), after), Map.of(), null, null, null, null, null);
            Comparator<QueueItem> order = itemOrder(queue);
            afterCursor = item -> order.compare(item, probe) > 0;
        }
        return Page.slice(sorted, first, item -> Cursors.encode(List.of(item.priority(), item.id())), afterCursor);
    }

    public Optional<QueueItem> item(long itemId) {
        return store.read(data -> Optional.ofNullable(data.items.get(itemId)));
    }

    /** A pushed item with the run spec as stored (queue defaults and template values filled in). */
    public record Pushed(QueueItem item, RunQueue queue) {
    }

    /**
     * pushToRunQueue(ByName): checks the template variable values against the queue's
     * definitions and fills the spec's {@code resource} and {@code resource_args} from the queue's
     * default resource config, as W&B does before an agent sees the item.
     */
    public Pushed push(long queueId, Map<String, Object> runSpec, Integer priority,
                       Map<String, Object> templateVariableValues) {
        if (priority != null && (priority < 0 || priority > 3)) {
            throw SandboxException.invalid("priority must be between 0 (critical) and 3 (low), got " + priority);
        }
        return store.write(data -> {
            RunQueue queue = data.queues.get(queueId);
            if (queue == null) {
                throw SandboxException.notFound("run queue " + Ids.of("RunQueue", queueId) + " not found");
            }
            ResourceConfig rc = queue.resourceConfigId() == null ? null : data.resourceConfigs.get(queue.resourceConfigId());
            Map<String, Object> values = TemplateVariables.resolve(
                    rc == null ? Map.of() : rc.templateVariables(), templateVariableValues);
            Map<String, Object> spec = rc == null ? runSpec : filledSpec(runSpec, rc, values);
            Instant now = clock.instant();
            QueueItem item = new QueueItem(data.nextId(), queueId, "PENDING", spec,
                    priority == null ? DEFAULT_PRIORITY : priority, values, null, null, null, data.created(now), now);
            data.items.put(item.id(), item);
            return new Pushed(item, queue);
        });
    }

    /** popFromRunQueue: leases the next pending item to an agent, if there is one. */
    public Optional<QueueItem> pop(ProjectRef project, String queueName, String agentId) {
        return store.write(data -> {
            RunQueue queue = findIn(data, project, queueName)
                    .orElseThrow(() -> SandboxException.notFound("run queue " + queueName + " not found in " + project));
            Optional<QueueItem> next = itemsIn(data, queue).stream().filter(i -> i.state().equals("PENDING")).findFirst();
            next.ifPresent(item -> data.items.put(item.id(), item.leased(agentId, clock.instant())));
            return next.map(item -> data.items.get(item.id()));
        });
    }

    /** ackRunQueueItem: the agent started run {@code runName} from the item. */
    public QueueItem ack(long itemId, String runName) {
        return store.write(data -> {
            QueueItem item = data.items.get(itemId);
            if (item == null) {
                throw SandboxException.notFound("run queue item " + Ids.of("RunQueueItem", itemId) + " not found");
            }
            if (!item.state().equals("LEASED") && !item.state().equals("PENDING")) {
                throw SandboxException.invalid("run queue item " + Ids.of("RunQueueItem", itemId) + " is "
                        + item.state() + ", not LEASED");
            }
            QueueItem claimed = item.claimed(runName, clock.instant());
            data.items.put(itemId, claimed);
            return claimed;
        });
    }

    public QueueItem fail(long itemId, QueueItem.Failure failure) {
        return store.write(data -> {
            QueueItem item = data.items.get(itemId);
            if (item == null) {
                throw SandboxException.notFound("run queue item " + Ids.of("RunQueueItem", itemId) + " not found");
            }
            QueueItem failed = item.failed(failure, clock.instant());
            data.items.put(itemId, failed);
            return failed;
        });
    }

    static Map<String, Object> filledSpec(Map<String, Object> runSpec, ResourceConfig rc, Map<String, Object> values) {
        Map<String, Object> spec = new LinkedHashMap<>(runSpec);
        Object resource = spec.get("resource");
        if (resource == null) {
            spec.put("resource", rc.resource());
        }
        Object defaults = TemplateVariables.fill(rc.config().get("resource_args"), values);
        Object own = spec.get("resource_args");
        Object merged = merge(defaults, own);
        if (merged != null) {
            spec.put("resource_args", merged);
        }
        return spec;
    }

    /** Deep merge of JSON objects; {@code override} wins where both have a value. */
    private static Object merge(Object base, Object override) {
        if (override == null) {
            return base;
        }
        if (base instanceof Map<?, ?> b && override instanceof Map<?, ?> o) {
            Map<String, Object> merged = Json.stringKeys(b);
            o.forEach((k, v) -> merged.put(String.valueOf(k), merge(merged.get(String.valueOf(k)), v)));
            return merged;
        }
        return override;
    }

    private static List<QueueItem> itemsIn(SandboxData data, RunQueue queue) {
        return data.items.values().stream().filter(i -> i.queueId() == queue.id()).sorted(itemOrder(queue)).toList();
    }

    private static Comparator<QueueItem> itemOrder(RunQueue queue) {
        Comparator<QueueItem> byId = Comparator.comparingLong(QueueItem::id);
        return "V0".equals(queue.prioritizationMode()) ? Comparator.comparingInt(QueueItem::priority).thenComparing(byId) : byId;
    }

    private static Optional<RunQueue> findIn(SandboxData data, ProjectRef project, String name) {
        return data.queues.values().stream().filter(q -> q.project().equals(project) && q.name().equals(name)).findFirst();
    }

    private static String requireOneOf(String value, Set<String> allowed, String what) {
        if (!allowed.contains(value)) {
            throw SandboxException.invalid(what + " must be one of " + new ArrayList<>(allowed) + ", got " + value);
        }
        return value;
    }
}
