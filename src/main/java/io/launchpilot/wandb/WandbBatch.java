package io.launchpilot.wandb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Several reads sent as one GraphQL request: each read is its own aliased {@code project(...)} field,
 * so runs, sweeps and queue items of many projects come back in one round trip, counted by W&B as one
 * request under the batch's operation name. Add reads, {@link #execute()} once, then read each
 * {@link Part}.
 *
 * <p>W&B answers a request with a GraphQL error as a whole (its partial data is not trusted, as the
 * SDK does not trust it), so one failing read fails the batch; callers that must isolate failures
 * send the reads again on their own.
 */
public final class WandbBatch {

    /** One read of a batch; its result is there once the batch was executed. */
    public interface Part<T> {

        /**
         * The result.
         *
         * @throws NoSuchElementException if the project (or queue) read does not exist
         * @throws IllegalStateException if the batch was not executed yet
         */
        T get();
    }

    private static final Pattern OPERATION_NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");

    private static final String RUN_STATE_FIELDS = "id name displayName state createdAt heartbeatAt sweepName";
    private static final String SWEEP_STATE_FIELDS = "id name displayName state bestLoss runCount updatedAt";
    private static final String PAGE_INFO = "pageInfo { endCursor hasNextPage }";

    private final String operationName;
    private final Function<Request, JsonNode> sender;
    private final List<Read<?>> reads = new ArrayList<>();
    private final Map<String, String> declarations = new LinkedHashMap<>();
    private final Map<String, Object> variables = new LinkedHashMap<>();
    private final Set<String> fragments = new LinkedHashSet<>();
    private boolean executed;

    /** What is sent. */
    record Request(String operationName, String document, Map<String, Object> variables) {
    }

    WandbBatch(String operationName, Function<Request, JsonNode> sender) {
        if (operationName == null || !OPERATION_NAME.matcher(operationName).matches()) {
            throw new IllegalArgumentException("not a GraphQL operation name: " + operationName);
        }
        this.operationName = operationName;
        this.sender = sender;
    }

    /**
     * One page of a project's runs, as {@link WandbClient#runsPage} reads it but with the chosen fields.
     *
     * @param cursor null for the first page, then the previous page's {@link Page#nextCursor()}
     */
    public Part<Page<Run>> runs(ProjectRef project, RunQuery query, String cursor, RunFields fields) {
        String alias = alias();
        String selection = "runs(filters: " + variable(alias, "filters", "JSONString", query.filters())
                + ", after: " + variable(alias, "cursor", "String", cursor)
                + ", first: " + variable(alias, "perPage", "Int", query.perPage())
                + ", order: " + variable(alias, "order", "String", query.order()) + ") {"
                + " edges { node { ..." + runFragment(fields) + " } cursor } " + PAGE_INFO + " }";
        return add(projectField(alias, project.entity(), project.name(), selection), data -> {
            JsonNode runs = WandbJson.present(existing(data, alias, project), "runs");
            List<Run> items = new ArrayList<>();
            String lastCursor = null;
            JsonNode edges = WandbJson.present(runs, "edges");
            if (edges != null) {
                for (JsonNode edge : edges) {
                    if (WandbJson.present(edge, "node") != null) {
                        items.add(WandbMapping.run(edge.get("node"), project));
                        lastCursor = WandbJson.text(edge, "cursor");
                    }
                }
            }
            JsonNode pageInfo = WandbJson.present(runs, "pageInfo");
            // as the SDK: the next page starts after the last edge's cursor
            String next = lastCursor != null ? lastCursor : WandbJson.text(pageInfo, "endCursor");
            return new Page<>(items, next, WandbJson.bool(pageInfo, "hasNextPage"), null);
        });
    }

    /**
     * One page of a project's sweeps. Without config, each sweep carries only
     * {@code id name displayName state bestLoss runCount updatedAt}.
     */
    public Part<Page<Sweep>> sweeps(ProjectRef project, String cursor, int perPage, boolean withConfig) {
        String alias = alias();
        String selection = "sweeps(filters: " + variable(alias, "filters", "JSONString", "{}")
                + ", after: " + variable(alias, "cursor", "String", cursor)
                + ", first: " + variable(alias, "perPage", "Int", perPage) + ") {"
                + " edges { node { ..." + sweepFragment(withConfig) + " } } " + PAGE_INFO + " }";
        return add(projectField(alias, project.entity(), project.name(), selection), data -> {
            JsonNode sweeps = WandbJson.present(existing(data, alias, project), "sweeps");
            List<Sweep> items = new ArrayList<>();
            WandbJson.nodes(sweeps).forEach(node -> items.add(WandbMapping.sweep(node, project)));
            JsonNode pageInfo = WandbJson.present(sweeps, "pageInfo");
            return new Page<>(items, WandbJson.text(pageInfo, "endCursor"), WandbJson.bool(pageInfo, "hasNextPage"),
                    null);
        });
    }

    /** One sweep, empty if it or its project does not exist; without config as in {@link #sweeps}. */
    public Part<Optional<Sweep>> sweep(SweepRef sweep, boolean withConfig) {
        String alias = alias();
        String selection = "sweep(sweepName: " + variable(alias, "name", "String!", sweep.name()) + ") { ..."
                + sweepFragment(withConfig) + " }";
        return add(projectField(alias, sweep.entity(), sweep.project(), selection), data -> {
            JsonNode found = WandbJson.present(WandbJson.present(data, alias), "sweep");
            return found == null ? Optional.empty() : Optional.of(WandbMapping.sweep(found, sweep.projectRef()));
        });
    }

    /** One page of a run queue's items ({@code id state associatedRunId createdAt}). */
    public Part<Page<RunQueueItem>> queueItems(QueueRef queue, String cursor, int perPage) {
        String alias = alias();
        String selection = "runQueue(name: " + variable(alias, "queue", "String!", queue.name()) + ") {"
                + " runQueueItems(first: " + variable(alias, "perPage", "Int", perPage)
                + ", after: " + variable(alias, "cursor", "String", cursor) + ") {"
                + " " + PAGE_INFO + " edges { node { id state associatedRunId createdAt } } } }";
        return add(projectField(alias, queue.entity(), WandbClient.LAUNCH_PROJECT, selection), data -> {
            JsonNode items = WandbJson.present(WandbJson.present(WandbJson.present(data, alias), "runQueue"),
                    "runQueueItems");
            if (items == null) {
                throw new NoSuchElementException("run queue " + queue.path() + " not found");
            }
            return WandbMapping.items(items);
        });
    }

    /** How many reads were added. */
    public int size() {
        return reads.size();
    }

    /** Sends every read in one request; nothing is sent when there is none. */
    public void execute() {
        if (executed) {
            throw new IllegalStateException("the batch was executed already");
        }
        executed = true;
        if (reads.isEmpty()) {
            return;
        }
        JsonNode data = sender.apply(new Request(operationName, document(), variables));
        for (Read<?> read : reads) {
            read.complete(data);
        }
    }

    /** The GraphQL document of the reads added so far. */
    String document() {
        StringBuilder text = new StringBuilder("query ").append(operationName);
        if (!declarations.isEmpty()) {
            List<String> parts = new ArrayList<>();
            declarations.forEach((name, type) -> parts.add("$" + name + ": " + type));
            text.append('(').append(String.join(", ", parts)).append(')');
        }
        text.append(" {\n");
        reads.forEach(read -> text.append("  ").append(read.field).append('\n'));
        text.append("}\n");
        fragments.forEach(fragment -> text.append(fragment).append('\n'));
        return text.toString();
    }

    private String alias() {
        if (executed) {
            throw new IllegalStateException("the batch was executed already");
        }
        return "r" + reads.size();
    }

    /** The project a read asked for, which W&B answers with null when it does not exist. */
    private static JsonNode existing(JsonNode data, String alias, ProjectRef project) {
        JsonNode found = WandbJson.present(data, alias);
        if (found == null) {
            throw new NoSuchElementException("project " + project.path() + " not found");
        }
        return found;
    }

    private String projectField(String alias, String entity, String project, String selection) {
        return alias + ": project(name: " + variable(alias, "project", "String!", project)
                + ", entityName: " + variable(alias, "entity", "String!", entity) + ") { " + selection + " }";
    }

    private String variable(String alias, String name, String type, Object value) {
        String variable = alias + "_" + name;
        declarations.put(variable, type);
        if (value != null) {
            variables.put(variable, value);
        }
        return "$" + variable;
    }

    private String runFragment(RunFields fields) {
        return switch (fields) {
            case STATE -> fragment("RunState", "fragment RunState on Run { " + RUN_STATE_FIELDS + " }");
            case SUMMARY -> fragment("RunSummary", "fragment RunSummary on Run { " + RUN_STATE_FIELDS
                    + " summaryMetrics }");
            case FULL -> fragment("RunFragment", fragmentOf(Operation.RUNS, "RunFragment"));
        };
    }

    private String sweepFragment(boolean withConfig) {
        return withConfig
                ? fragment("SweepFragment", fragmentOf(Operation.GET_SWEEPS, "SweepFragment"))
                : fragment("SweepState", "fragment SweepState on Sweep { " + SWEEP_STATE_FIELDS + " }");
    }

    private String fragment(String name, String definition) {
        fragments.add(definition);
        return name;
    }

    /** A fragment as the fixed operation's document defines it, so that both read the same fields. */
    private static String fragmentOf(Operation operation, String name) {
        String document = operation.document();
        int start = document.indexOf("fragment " + name + " ");
        int open = start < 0 ? -1 : document.indexOf('{', start);
        if (open < 0) {
            throw new IllegalStateException(operation.operationName() + " has no fragment " + name);
        }
        int depth = 0;
        for (int i = open; i < document.length(); i++) {
            char c = document.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return document.substring(start, i + 1).replaceAll("\\s+", " ");
            }
        }
        throw new IllegalStateException(operation.operationName() + ": fragment " + name + " is not closed");
    }

    private <T> Part<T> add(String field, Function<JsonNode, T> mapping) {
        Read<T> read = new Read<>(field, mapping);
        reads.add(read);
        return read;
    }

    private static final class Read<T> implements Part<T> {

        private final String field;
        private final Function<JsonNode, T> mapping;
        private JsonNode data;
        private boolean done;

        Read(String field, Function<JsonNode, T> mapping) {
            this.field = field;
            this.mapping = mapping;
        }

        void complete(JsonNode data) {
            this.data = data;
            this.done = true;
        }

        @Override
        public T get() {
            if (!done) {
                throw new IllegalStateException("the batch was not executed yet");
            }
            return mapping.apply(data);
        }
    }
}
