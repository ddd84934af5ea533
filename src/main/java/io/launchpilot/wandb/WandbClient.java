package io.launchpilot.wandb;

import static io.launchpilot.wandb.WandbJson.bool;
import static io.launchpilot.wandb.WandbJson.present;
import static io.launchpilot.wandb.WandbJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.launchpilot.wandb.WandbException.Kind;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Launchpilot's way to W&B: typed calls over W&B's GraphQL API, one per thing the service does,
 * with the documents and conventions of the official SDK (see {@code shared/wandb/OPERATIONS.md}).
 *
 * <p>Every method blocks (call it from a worker thread) and may throw {@link WandbException} when
 * W&B fails or cannot be reached within the retry budget. Reads of one thing return an empty
 * {@link Optional} when it does not exist; listing what is inside a missing project throws
 * {@link NoSuchElementException}; arguments the SDK would refuse throw
 * {@link IllegalArgumentException} before anything is sent.
 *
 * <p>The bean is created at start-up, so that a malformed {@code WANDB_BASE_URL} stops the process
 * at once rather than at the first call.
 */
@Startup
@ApplicationScoped
public class WandbClient {

    /** The project that holds an entity's run queues, as the SDK's {@code LAUNCH_DEFAULT_PROJECT}. */
    public static final String LAUNCH_PROJECT = "model-registry";
    /** Queue resource types the SDK accepts. */
    public static final Set<String> QUEUE_TYPES =
            Set.of("local-container", "local-process", "kubernetes", "sagemaker", "gcp-vertex");

    private static final String REGISTRY_PREFIX = "wandb-registry-";
    private static final int QUEUE_ITEMS_PER_PAGE = 100;
    private static final int ARTIFACTS_PER_PAGE = 100;
    private static final int SWEEPS_PER_PAGE = 50;
    private static final int MAX_ALIAS_LENGTH = 128;
    /** Entities read per {@code RunQueuesWithConfig} request; keeps one request's size reasonable. */
    static final int ENTITIES_PER_REQUEST = 25;

    private final WandbEndpoint endpoint;
    private final GraphqlTransport transport;
    private final Optional<String> configuredEntity;
    private volatile String viewerEntity;

    @Inject
    WandbClient(WandbConfig config, Vertx vertx, MeterRegistry meters, LocalHttpServer localServer) {
        this(new WandbEndpoint(config.baseUrl(), config.apiKey(), () -> localServer.port(config.timeout())), config,
                vertx, meters);
    }

    private WandbClient(WandbEndpoint endpoint, WandbConfig config, Vertx vertx, MeterRegistry meters) {
        this(endpoint, new GraphqlTransport(vertx, endpoint, config.timeout(),
                new RetryPolicy(config.maxRetries(), config.retryMinWait(), config.retryMaxWait(), Clock.systemUTC(),
                        () -> ThreadLocalRandom.current().nextDouble()),
                RetryPolicy.Sleeper.SYSTEM, meters), config.entity());
    }

    WandbClient(WandbEndpoint endpoint, GraphqlTransport transport, Optional<String> entity) {
        this.endpoint = endpoint;
        this.transport = transport;
        this.configuredEntity = entity.map(String::trim).filter(value -> !value.isEmpty());
    }

    @PreDestroy
    void close() {
        transport.close();
    }

    /** The GraphQL URL calls go to, without credentials: fit for logs and health checks. */
    public String endpoint() {
        return endpoint.url();
    }

    /** True when no API key is configured and the client talks to the embedded sandbox. */
    public boolean sandbox() {
        return endpoint.sandbox();
    }

    /** The user behind the API key, or empty when the server does not know the caller. */
    public Optional<Viewer> viewer() {
        JsonNode viewer = present(execute(Operation.GET_VIEWER, Map.of()), "viewer");
        return viewer == null ? Optional.empty() : Optional.of(WandbMapping.viewer(viewer));
    }

    /** Whether the last call of any operation reached W&B; empty before the first call. */
    public Optional<Contact> lastContact() {
        return transport.lastContact();
    }

    /** Asks W&B for the viewer once, without retries, and tells whether W&B answered. */
    public Contact probe() {
        try {
            transport.executeOnce(Operation.GET_VIEWER, Map.of());
        } catch (WandbException e) {
            // recorded as the last contact, which is what the caller wants to know
        }
        return transport.lastContact().orElseThrow();
    }

    /** The configured entity ({@code WANDB_ENTITY}), else the viewer's own entity. */
    public Optional<String> defaultEntity() {
        if (configuredEntity.isPresent()) {
            return configuredEntity;
        }
        if (viewerEntity == null) {
            viewerEntity = viewer().map(Viewer::entity).orElse(null);
        }
        return Optional.ofNullable(viewerEntity);
    }

    /** Creates the project if it does not exist yet ({@code upsertModel}); harmless when it does. */
    public Project ensureProject(ProjectRef project) {
        JsonNode result = execute(Operation.CREATE_PROJECT,
                vars("input", Map.of("name", project.name(), "entityName", project.entity())));
        JsonNode upserted = present(result, "result");
        if (upserted == null) {
            throw rejected(Operation.CREATE_PROJECT, "returned no project for " + project.path());
        }
        return WandbMapping.project(upserted, project);
    }

    /**
     * Creates a run queue as {@code Api.create_run_queue} does: ensures the entity's
     * {@value #LAUNCH_PROJECT} project, creates the default resource config, then the queue with
     * {@code PROJECT} access. Fails if a queue of that name exists; use {@link #upsertQueue} to update.
     */
    public CreatedQueue createQueue(QueueSpec spec) {
        checkQueueType(spec);
        QueueRef queue = spec.queue();
        ensureProject(new ProjectRef(queue.entity(), LAUNCH_PROJECT));
        JsonNode config = present(execute(Operation.CREATE_DEFAULT_RESOURCE_CONFIG, vars(
                "entityName", queue.entity(),
                "resource", spec.resourceType(),
                "config", WandbMapping.resourceConfigJson(spec.resourceType(), spec.resourceConfig()),
                "templateVariables", WandbMapping.templateVariablesJson(spec.templateVariables()))),
                "createDefaultResourceConfig");
        if (!bool(config, "success")) {
            throw rejected(Operation.CREATE_DEFAULT_RESOURCE_CONFIG,
                    "failed to create the default resource config of queue " + queue.path());
        }
        String configId = text(config, "defaultResourceConfigID");
        JsonNode created = present(execute(Operation.CREATE_RUN_QUEUE, vars(
                "entity", queue.entity(),
                "project", LAUNCH_PROJECT,
                "queueName", queue.name(),
                "access", "PROJECT",
                // the SDK sends a mode only to switch prioritization on
                "prioritizationMode", spec.prioritizationMode() == PrioritizationMode.V0 ? "V0" : null,
                "defaultResourceConfigID", configId)), "createRunQueue");
        if (!bool(created, "success")) {
            throw rejected(Operation.CREATE_RUN_QUEUE, "failed to create run queue " + queue.path());
        }
        return new CreatedQueue(text(created, "queueID"), queue, configId);
    }

    /**
     * Creates the queue or replaces its resource config, template variables, prioritization mode and
     * external links ({@code upsertRunQueue}), after ensuring the {@value #LAUNCH_PROJECT} project.
     *
     * @return the server's resource-config validation warnings; they do not fail the call
     */
    public List<String> upsertQueue(QueueSpec spec) {
        checkQueueType(spec);
        ensureProject(new ProjectRef(spec.queue().entity(), LAUNCH_PROJECT));
        return upsertQueueInExistingProject(spec);
    }

    /** A run queue with its default resource config and all its items, or empty if there is none. */
    public Optional<RunQueue> queue(QueueRef queue) {
        return queue(queue, QUEUE_ITEMS_PER_PAGE);
    }

    Optional<RunQueue> queue(QueueRef queue, int itemsPerPage) {
        JsonNode found = present(present(execute(Operation.GET_RUN_QUEUE_BY_NAME, vars(
                "entityName", queue.entity(),
                "projectName", LAUNCH_PROJECT,
                "queueName", queue.name(),
                "itemsPerPage", itemsPerPage)), "project"), "runQueue");
        if (found == null) {
            return Optional.empty();
        }
        Page<RunQueueItem> page = WandbMapping.items(present(found, "runQueueItems"));
        List<RunQueueItem> items = new ArrayList<>(page.items());
        while (page.hasNextPage() && page.nextCursor() != null) {
            String cursor = page.nextCursor();
            JsonNode next = present(present(present(execute(Operation.GET_RUN_QUEUE_ITEMS, vars(
                    "projectName", LAUNCH_PROJECT,
                    "entityName", queue.entity(),
                    "runQueue", queue.name(),
                    "cursor", cursor,
                    "perPage", itemsPerPage)), "project"), "runQueue"), "runQueueItems");
            page = WandbMapping.items(next);
            items.addAll(page.items());
            if (cursor.equals(page.nextCursor())) {
                break;
            }
        }
        return Optional.of(WandbMapping.runQueue(found, queue, items));
    }

    /**
     * The first queued item whose run spec holds {@code value} under {@code key}, searching all items
     * page by page; empty if none does or the queue does not exist.
     */
    public Optional<QueuedRun> findQueued(QueueRef queue, String key, String value) {
        return findQueued(queue, (id, runSpec) -> value.equals(runSpec.get(key)));
    }

    /** The queued item with this id, with its run spec; empty if it is not (or no longer) on the queue. */
    public Optional<QueuedRun> queued(QueueRef queue, String itemId) {
        return findQueued(queue, (id, runSpec) -> itemId.equals(id));
    }

    /** The first item (its id and run spec) {@code wanted} takes, searching all items page by page. */
    private Optional<QueuedRun> findQueued(QueueRef queue, BiPredicate<String, Map<String, Object>> wanted) {
        String cursor = null;
        while (true) {
            JsonNode items = present(present(present(execute(Operation.GET_RUN_QUEUE_ITEM_SPECS, vars(
                    "projectName", LAUNCH_PROJECT,
                    "entityName", queue.entity(),
                    "runQueue", queue.name(),
                    "cursor", cursor,
                    "perPage", QUEUE_ITEMS_PER_PAGE)), "project"), "runQueue"), "runQueueItems");
            for (JsonNode node : WandbJson.nodes(items)) {
                Map<String, Object> runSpec = WandbJson.object(node.get("runSpec"));
                if (wanted.test(text(node, "id"), runSpec)) {
                    return Optional.of(new QueuedRun(text(node, "id"), queue, runSpec));
                }
            }
            JsonNode pageInfo = present(items, "pageInfo");
            String next = text(pageInfo, "endCursor");
            if (!bool(pageInfo, "hasNextPage") || next == null || next.equals(cursor)) {
                return Optional.empty();
            }
            cursor = next;
        }
    }

    /**
     * A batch of reads sent as one GraphQL request under {@code operationName} (see {@link WandbBatch}),
     * for callers that read many projects at once.
     */
    public WandbBatch batch(String operationName) {
        return new WandbBatch(operationName,
                request -> transport.execute(request.operationName(), request.document(), request.variables()));
    }

    /** The run queues of an entity; none when the entity has no {@value #LAUNCH_PROJECT} project yet. */
    public List<RunQueueSummary> queues(String entity) {
        Refs.requireSegment("entity", entity);
        JsonNode project = present(execute(Operation.PROJECT_RUN_QUEUES,
                vars("entity", entity, "projectName", LAUNCH_PROJECT)), "project");
        List<RunQueueSummary> result = new ArrayList<>();
        JsonNode queues = present(project, "runQueues");
        if (queues != null) {
            queues.forEach(queue -> result.add(WandbMapping.queueSummary(queue, entity)));
        }
        return result;
    }

    /** Deletes run queues by their GraphQL ids ({@link RunQueue#id()}). */
    public void deleteQueues(List<String> queueIds) {
        if (queueIds.isEmpty()) {
            return;
        }
        JsonNode result = present(execute(Operation.DELETE_RUN_QUEUES, vars("queueIDs", List.copyOf(queueIds))),
                "deleteRunQueues");
        if (!bool(result, "success")) {
            throw rejected(Operation.DELETE_RUN_QUEUES, "did not delete run queues " + queueIds);
        }
    }

    /**
     * The run queues of several entities with their settings and default resource configs, without
     * items, in as few requests as possible: one per {@value #ENTITIES_PER_REQUEST} entities, each
     * entity's {@value #LAUNCH_PROJECT} project read under its own alias. Entities are answered in
     * the order given, duplicates once.
     */
    public List<EntityRunQueues> queuesWithConfig(Collection<String> entities) {
        List<String> distinct = entities.stream().distinct().toList();
        distinct.forEach(entity -> Refs.requireSegment("entity", entity));
        List<EntityRunQueues> result = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += ENTITIES_PER_REQUEST) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + ENTITIES_PER_REQUEST));
            JsonNode data = transport.execute(Operation.RUN_QUEUES_WITH_CONFIG.operationName(),
                    RunQueuesWithConfig.document(chunk.size()), RunQueuesWithConfig.variables(chunk));
            result.addAll(RunQueuesWithConfig.read(data, chunk));
        }
        return result;
    }

    /** A run queue's settings and default resource config without its items, or empty if there is none. */
    public Optional<RunQueue> queueSettings(QueueRef queue) {
        JsonNode found = present(present(execute(Operation.GET_RUN_QUEUE_SETTINGS, vars(
                "entityName", queue.entity(),
                "projectName", LAUNCH_PROJECT,
                "queueName", queue.name())), "project"), "runQueue");
        return found == null ? Optional.empty() : Optional.of(WandbMapping.runQueue(found, queue, List.of()));
    }

    /**
     * {@link #upsertQueue} without its {@code CreateProject} request, for callers that know the
     * entity's {@value #LAUNCH_PROJECT} project exists (e.g. from {@link #queuesWithConfig}) or have
     * ensured it once for many queues with {@link #ensureProject}.
     *
     * @return the server's resource-config validation warnings; they do not fail the call
     */
    public List<String> upsertQueueInExistingProject(QueueSpec spec) {
        checkQueueType(spec);
        QueueRef queue = spec.queue();
        JsonNode result = present(execute(Operation.UPSERT_RUN_QUEUE, vars(
                "entityName", queue.entity(),
                "projectName", LAUNCH_PROJECT,
                "queueName", queue.name(),
                "resourceType", spec.resourceType(),
                "resourceConfig", WandbMapping.resourceConfigJson(spec.resourceType(), spec.resourceConfig()),
                // "{}" rather than the SDK's null for none: the spec is the whole truth, so stale variables go
                "templateVariables", WandbMapping.templateVariablesJson(spec.templateVariables()),
                "prioritizationMode", spec.prioritizationMode().name(),
                "externalLinks", WandbMapping.externalLinksJson(spec.externalLinks()))), "upsertRunQueue");
        if (!bool(result, "success")) {
            throw rejected(Operation.UPSERT_RUN_QUEUE, "failed to upsert run queue " + queue.path());
        }
        return WandbJson.texts(present(result, "configSchemaValidationErrors"));
    }

    /**
     * Puts a launch spec on a queue ({@code pushToRunQueueByName}), as {@code launch_add} does.
     *
     * @param runSpec the launch spec, e.g. {@code {"docker": {"docker_image": "..."}, "entity": ..., "project": ...}};
     *        it needs exactly one of {@code job} and {@code docker.docker_image}
     * @param priority the item's priority on a V0 queue, or null for the queue's default
     * @param templateVariableValues values for the queue's template variables; may be empty
     */
    public QueuedRun push(QueueRef queue, Map<String, Object> runSpec, Priority priority,
            Map<String, Object> templateVariableValues) {
        checkLaunchSpec(runSpec);
        JsonNode result = present(execute(Operation.PUSH_TO_RUN_QUEUE_BY_NAME, vars(
                "entityName", queue.entity(),
                "projectName", LAUNCH_PROJECT,
                "queueName", queue.name(),
                "runSpec", WandbJson.write(runSpec),
                "priority", priority == null ? null : priority.wireValue(),
                "templateVariableValues", templateVariableValues == null || templateVariableValues.isEmpty()
                        ? null
                        : WandbJson.write(templateVariableValues))), "pushToRunQueueByName");
        if (result == null || text(result, "runQueueItemId") == null) {
            throw rejected(Operation.PUSH_TO_RUN_QUEUE_BY_NAME, "did not add the run to queue " + queue.path());
        }
        return new QueuedRun(text(result, "runQueueItemId"), queue, WandbJson.object(result.get("runSpec")));
    }

    /**
     * One page of a project's runs, with the full run fragment.
     *
     * @param cursor null for the first page, then the previous page's {@link Page#nextCursor()}
     * @throws NoSuchElementException if the project does not exist
     */
    public Page<Run> runsPage(ProjectRef project, RunQuery query, String cursor) {
        JsonNode found = present(execute(Operation.RUNS, vars(
                "project", project.name(),
                "entity", project.entity(),
                "cursor", cursor,
                "perPage", query.perPage(),
                "order", query.order(),
                "filters", query.filters())), "project");
        if (found == null) {
            throw new NoSuchElementException("project " + project.path() + " not found");
        }
        JsonNode runs = present(found, "runs");
        List<Run> items = new ArrayList<>();
        String lastCursor = null;
        JsonNode edges = present(runs, "edges");
        if (edges != null) {
            for (JsonNode edge : edges) {
                items.add(WandbMapping.run(edge.get("node"), project));
                lastCursor = text(edge, "cursor");
            }
        }
        JsonNode pageInfo = present(runs, "pageInfo");
        // the SDK pages on the last edge's cursor, not pageInfo.endCursor
        String next = lastCursor != null ? lastCursor : text(pageInfo, "endCursor");
        return new Page<>(items, next, bool(pageInfo, "hasNextPage"), WandbJson.longValue(found, "runCount"));
    }

    /**
     * A project's runs, fetched page by page as the stream is consumed and never beyond {@code limit}.
     *
     * @throws NoSuchElementException if the project does not exist (when the first page is fetched)
     */
    public Stream<Run> runs(ProjectRef project, RunQuery query, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        RunQuery paged = limit < query.perPage() ? query.withPerPage(Math.max(1, limit)) : query;
        Iterator<Run> iterator = new Iterator<>() {
            private final Deque<Run> buffer = new ArrayDeque<>();
            private String cursor;
            private boolean more = true;

            @Override
            public boolean hasNext() {
                while (buffer.isEmpty() && more) {
                    Page<Run> page = runsPage(project, paged, cursor);
                    buffer.addAll(page.items());
                    more = page.hasNextPage() && page.nextCursor() != null && !page.nextCursor().equals(cursor);
                    cursor = page.nextCursor();
                }
                return !buffer.isEmpty();
            }

            @Override
            public Run next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffer.removeFirst();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false)
                .limit(limit);
    }

    /** One run with its config and summary, or empty if the run or its project does not exist. */
    public Optional<Run> run(RunRef run) {
        JsonNode found = present(present(execute(Operation.RUN, vars(
                "project", run.project(),
                "entity", run.entity(),
                "name", run.name())), "project"), "run");
        return found == null ? Optional.empty() : Optional.of(WandbMapping.run(found, run.projectRef()));
    }

    /**
     * Changes a run's tags, config or summary in one {@code upsertBucket} call on its GraphQL id.
     * Config and summary keys are merged into the run's current values (as read into {@code run}),
     * and W&B's internal config entries are carried over, as the SDK does.
     *
     * @return the run as the server has it afterwards
     */
    public Run updateRun(Run run, RunUpdate update) {
        if (update.tags() == null && update.config() == null && update.summary() == null) {
            return run;
        }
        String config = null;
        if (update.config() != null) {
            Map<String, Object> merged = new LinkedHashMap<>(run.internalConfig());
            merged.putAll(run.config());
            merged.putAll(update.config());
            config = WandbMapping.wrappedConfigJson(merged);
        }
        String summary = null;
        if (update.summary() != null) {
            Map<String, Object> merged = new LinkedHashMap<>(run.summary());
            merged.putAll(update.summary());
            summary = WandbJson.write(merged);
        }
        JsonNode bucket = present(present(execute(Operation.UPSERT_BUCKET, vars(
                "id", run.id(),
                "tags", update.tags(),
                "config", config,
                "summaryMetrics", summary)), "upsertBucket"), "bucket");
        if (bucket == null) {
            throw rejected(Operation.UPSERT_BUCKET, "did not update run " + run.ref().path());
        }
        return WandbMapping.run(bucket, run.ref().projectRef());
    }

    /** Asks a run to stop, by its GraphQL id ({@link Run#id()}). */
    public void stopRun(String runId) {
        Objects.requireNonNull(runId, "runId");
        JsonNode result = present(execute(Operation.STOP_RUN, vars("id", runId)), "stopRun");
        if (!bool(result, "success")) {
            throw rejected(Operation.STOP_RUN, "did not stop run " + runId);
        }
    }

    /** A sweep, its configuration parsed from YAML, or empty if the sweep or its project does not exist. */
    public Optional<Sweep> sweep(SweepRef sweep) {
        JsonNode found = present(present(execute(Operation.GET_SWEEP, vars(
                "name", sweep.name(),
                "project", sweep.project(),
                "entity", sweep.entity())), "project"), "sweep");
        return found == null ? Optional.empty() : Optional.of(WandbMapping.sweep(found, sweep.projectRef()));
    }

    /**
     * All sweeps of a project.
     *
     * @throws NoSuchElementException if the project does not exist
     */
    public List<Sweep> sweeps(ProjectRef project) {
        List<Sweep> result = new ArrayList<>();
        String cursor = null;
        while (true) {
            JsonNode found = present(execute(Operation.GET_SWEEPS, vars(
                    "project", project.name(),
                    "entity", project.entity(),
                    "filters", "{}",
                    "cursor", cursor,
                    "perPage", SWEEPS_PER_PAGE)), "project");
            if (found == null) {
                throw new NoSuchElementException("project " + project.path() + " not found");
            }
            JsonNode sweeps = present(found, "sweeps");
            WandbJson.nodes(sweeps).forEach(node -> result.add(WandbMapping.sweep(node, project)));
            JsonNode pageInfo = present(sweeps, "pageInfo");
            String next = text(pageInfo, "endCursor");
            if (!bool(pageInfo, "hasNextPage") || next == null || next.equals(cursor)) {
                return result;
            }
            cursor = next;
        }
    }

    /**
     * Moves a sweep to another state with {@code upsertSweep}, refusing (before sending) the moves the
     * SDK refuses: pausing a sweep that is neither running nor paused, and stopping one that is over.
     *
     * @throws NoSuchElementException if the sweep does not exist
     * @throws IllegalStateException if the sweep's current state does not allow the move
     */
    public void setSweepState(SweepRef sweep, SweepState target) {
        Sweep current = sweep(sweep).orElseThrow(() -> new NoSuchElementException("sweep " + sweep.path() + " not found"));
        checkSweepTransition(sweep, current.state(), target);
        JsonNode result = present(present(execute(Operation.UPSERT_SWEEP, vars(
                "id", current.id(),
                "state", target.name(),
                "entityName", sweep.entity(),
                "projectName", sweep.project())), "upsertSweep"), "sweep");
        if (result == null) {
            throw rejected(Operation.UPSERT_SWEEP, "did not change the state of sweep " + sweep.path());
        }
    }

    /**
     * An artifact version by {@code entity/project/collection:alias}, or empty if there is none. For a
     * registry project ({@code wandb-registry-*}) the entity is resolved to its organization's entity.
     */
    public Optional<ArtifactMembership> artifact(ArtifactRef artifact) {
        String entity = artifact.project().startsWith(REGISTRY_PREFIX)
                ? orgEntity(artifact.entity(), null)
                : artifact.entity();
        JsonNode found = present(present(execute(Operation.ARTIFACT_MEMBERSHIP_BY_NAME, vars(
                "entity", entity,
                "project", artifact.project(),
                "name", artifact.nameWithVersion())), "project"), "artifactCollectionMembership");
        return found == null ? Optional.empty() : Optional.of(WandbMapping.membership(found));
    }

    /**
     * One page of the artifacts a run logged.
     *
     * @throws NoSuchElementException if the run does not exist
     */
    public Page<Artifact> runOutputArtifactsPage(RunRef run, String cursor, int perPage) {
        JsonNode artifacts = present(present(present(execute(Operation.RUN_OUTPUT_ARTIFACTS, vars(
                "entity", run.entity(),
                "project", run.project(),
                "run", run.name(),
                "cursor", cursor,
                "perPage", perPage)), "project"), "run"), "artifacts");
        if (artifacts == null) {
            throw new NoSuchElementException("run " + run.path() + " not found");
        }
        List<Artifact> items = new ArrayList<>();
        for (JsonNode node : WandbJson.nodes(artifacts)) {
            // as the SDK: an artifact whose source project is gone cannot be addressed, so it is skipped
            if (present(present(node, "artifactSequence"), "project") != null) {
                items.add(WandbMapping.artifact(node));
            }
        }
        JsonNode pageInfo = present(artifacts, "pageInfo");
        return new Page<>(items, text(pageInfo, "endCursor"), bool(pageInfo, "hasNextPage"),
                WandbJson.longValue(artifacts, "totalCount"));
    }

    /** All artifacts a run logged. */
    public List<Artifact> runOutputArtifacts(RunRef run) {
        List<Artifact> result = new ArrayList<>();
        String cursor = null;
        while (true) {
            Page<Artifact> page = runOutputArtifactsPage(run, cursor, ARTIFACTS_PER_PAGE);
            result.addAll(page.items());
            if (!page.hasNextPage() || page.nextCursor() == null || page.nextCursor().equals(cursor)) {
                return result;
            }
            cursor = page.nextCursor();
        }
    }

    /**
     * Links an artifact version into a collection with aliases, as {@code artifact.link} does.
     *
     * @param targetPath {@code project/collection} or {@code entity/project/collection} for a
     *        plain collection (the entity defaults to the artifact's), or
     *        {@code [org/]wandb-registry-<registry>/collection} for a registry, whose entity is the
     *        organization's entity, resolved from the artifact's entity
     * @param aliases aliases to set on the linked version; W&B adds {@code latest} itself
     */
    public ArtifactMembership linkArtifact(Artifact source, String targetPath, List<String> aliases) {
        checkAliases(aliases);
        String[] parts = targetPath == null ? new String[0] : targetPath.split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException(
                    "link target must be project/collection or entity/project/collection, got " + targetPath);
        }
        String prefix = parts.length == 3 ? parts[0] : null;
        String project = parts[parts.length - 2];
        String collection = parts[parts.length - 1];
        if (project.isBlank() || collection.isBlank() || collection.contains(":")) {
            throw new IllegalArgumentException("link target must name a project and a collection without ':', got "
                    + targetPath);
        }
        String entity = project.startsWith(REGISTRY_PREFIX)
                ? orgEntity(source.entity(), prefix)
                : prefix != null ? prefix : source.entity();
        List<Map<String, String>> aliasInputs = new ArrayList<>();
        aliases.forEach(alias -> aliasInputs.add(Map.of("artifactCollectionName", collection, "alias", alias)));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("artifactID", source.id());
        input.put("artifactPortfolioName", collection);
        input.put("entityName", entity);
        input.put("projectName", project);
        input.put("aliases", aliasInputs);
        JsonNode result = present(execute(Operation.LINK_ARTIFACT, vars("input", input)), "result");
        JsonNode membership = present(result, "artifactMembership");
        if (membership != null) {
            return WandbMapping.membership(membership);
        }
        // servers without ARTIFACT_MEMBERSHIP_IN_LINK_ARTIFACT_RESPONSE: look the new version up, as the SDK does
        Integer versionIndex = WandbJson.integer(result, "versionIndex");
        if (versionIndex == null) {
            throw rejected(Operation.LINK_ARTIFACT, "did not link " + source.ref().path() + " to " + targetPath);
        }
        return artifact(new ArtifactRef(entity, project, collection, "v" + versionIndex))
                .orElseThrow(() -> rejected(Operation.LINK_ARTIFACT,
                        "linked " + source.ref().path() + " but cannot find it in " + targetPath));
    }

    /**
     * The entity of the organization behind {@code entity}: a team's own organization, or the one
     * organization of a user. {@code org}, when given, must name that organization or its entity.
     */
    private String orgEntity(String entity, String org) {
        JsonNode found = present(execute(Operation.FETCH_ORG_INFO_FROM_ENTITY, vars("entity", entity)), "entity");
        JsonNode teamOrg = present(found, "organization");
        String teamOrgEntity = text(present(teamOrg, "orgEntity"), "name");
        if (teamOrgEntity != null && (org == null || org.equals(text(teamOrg, "name")) || org.equals(teamOrgEntity))) {
            return teamOrgEntity;
        }
        List<String[]> userOrgs = new ArrayList<>();
        JsonNode organizations = present(present(found, "user"), "organizations");
        if (organizations != null) {
            organizations.forEach(each -> {
                String orgEntity = text(present(each, "orgEntity"), "name");
                if (orgEntity != null) {
                    userOrgs.add(new String[] {text(each, "name"), orgEntity});
                }
            });
        }
        if (org != null) {
            return userOrgs.stream()
                    .filter(pair -> org.equals(pair[0]) || org.equals(pair[1]))
                    .map(pair -> pair[1])
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "entity " + entity + " does not belong to organization " + org));
        }
        if (userOrgs.size() != 1) {
            throw new IllegalArgumentException("entity " + entity + " belongs to " + userOrgs.size()
                    + " organizations; name one in the path as org/wandb-registry-<name>/<collection>");
        }
        return userOrgs.get(0)[1];
    }

    static void checkSweepTransition(SweepRef sweep, String currentState, SweepState target) {
        String current = currentState == null ? "" : currentState.toUpperCase(Locale.ROOT);
        if (target == SweepState.PAUSED && !(current.equals("PAUSED") || current.equals("RUNNING"))) {
            throw new IllegalStateException("cannot pause sweep " + sweep.path() + ": it is "
                    + current.toLowerCase(Locale.ROOT));
        }
        if (target != SweepState.RUNNING && !Set.of("RUNNING", "PAUSED", "PENDING").contains(current)) {
            throw new IllegalStateException("sweep " + sweep.path() + " is already "
                    + current.toLowerCase(Locale.ROOT));
        }
    }

    private static void checkQueueType(QueueSpec spec) {
        if (!QUEUE_TYPES.contains(spec.resourceType())) {
            throw new IllegalArgumentException("queue " + spec.queue().path() + ": resource type must be one of "
                    + String.join(", ", QUEUE_TYPES.stream().sorted().toList()) + ", got " + spec.resourceType());
        }
    }

    /** The check {@code launch_add} makes: a spec runs either a job or an image. */
    private static void checkLaunchSpec(Map<String, Object> runSpec) {
        if (runSpec == null) {
            throw new IllegalArgumentException("a run spec is required");
        }
        boolean job = runSpec.get("job") != null;
        boolean image = runSpec.get("docker") instanceof Map<?, ?> docker && docker.get("docker_image") != null;
        if (job == image) {
            throw new IllegalArgumentException("a run spec needs exactly one of job and docker.docker_image");
        }
    }

    private static void checkAliases(List<String> aliases) {
        for (String alias : aliases) {
            if (alias == null || alias.isBlank() || alias.length() > MAX_ALIAS_LENGTH
                    || alias.contains("/") || alias.contains(":")) {
                throw new IllegalArgumentException("alias must be 1 to " + MAX_ALIAS_LENGTH
                        + " characters without '/' or ':', got " + alias);
            }
        }
    }

    private JsonNode execute(Operation operation, Map<String, Object> variables) {
        return transport.execute(operation, variables);
    }

    private WandbException rejected(Operation operation, String what) {
        String url = endpoint.url();
        String message = endpoint.redact("W&B " + operation.operationName() + " at " + url + " " + what);
        return new WandbException(Kind.REJECTED, operation.operationName(), url, 200, List.of(), message, null);
    }

    /** Variables by name and value; null values are left out, which GraphQL reads as "not given". */
    private static Map<String, Object> vars(Object... namesAndValues) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                result.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return result;
    }
}
