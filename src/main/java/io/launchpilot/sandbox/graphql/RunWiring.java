package io.launchpilot.sandbox.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;
import static io.launchpilot.sandbox.graphql.Fetchers.filter;
import static io.launchpilot.sandbox.graphql.Fetchers.input;
import static io.launchpilot.sandbox.graphql.Fetchers.jsonObject;
import static io.launchpilot.sandbox.graphql.Fetchers.of;
import static io.launchpilot.sandbox.graphql.Fetchers.payload;
import static io.launchpilot.sandbox.graphql.Fetchers.string;
import static io.launchpilot.sandbox.graphql.Fetchers.strings;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.launchpilot.sandbox.Ids;
import io.launchpilot.sandbox.Project;
import io.launchpilot.sandbox.ProjectRef;
import io.launchpilot.sandbox.ProjectService;
import io.launchpilot.sandbox.Run;
import io.launchpilot.sandbox.RunPatch;
import io.launchpilot.sandbox.RunRef;
import io.launchpilot.sandbox.RunService;
import io.launchpilot.sandbox.SandboxException;
import io.launchpilot.sandbox.SweepService;
import io.launchpilot.sandbox.Viewer;
import io.launchpilot.filter.RunOrder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs: the project's run listing and lookup, the Run type, and upsertBucket and friends. */
@ApplicationScoped
class RunWiring implements Wiring {

    /** Where W&B puts runs created without a project. */
    static final String DEFAULT_PROJECT = "uncategorized";

    private final RunService runs;
    private final ProjectService projects;
    private final SweepService sweeps;

    RunWiring(RunService runs, ProjectService projects, SweepService sweeps) {
        this.runs = runs;
        this.projects = projects;
        this.sweeps = sweeps;
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type(newTypeWiring("Project")
                .dataFetcher("runs", of(Project.class, (p, env) -> runs.page(p.ref(), filter(env),
                        RunOrder.parse(env.getArgument("order")), env.getArgument("after"), env.getArgument("first"))))
                .dataFetcher("runCount", of(Project.class, (p, env) -> runs.count(p.ref(), filter(env))))
                .dataFetcher("run", of(Project.class, (p, env) -> runs.find(
                        new RunRef(p.ref().entity(), p.ref().name(), env.getArgument("name"))).orElse(null))));
        wiring.type(newTypeWiring("Run")
                .dataFetcher("id", of(Run.class, r -> Ids.run(r.ref())))
                .dataFetcher("name", of(Run.class, r -> r.ref().name()))
                .dataFetcher("displayName", of(Run.class, Run::displayName))
                .dataFetcher("projectId", of(Run.class, r -> project(r).map(p -> String.valueOf(p.id())).orElse("0")))
                .dataFetcher("project", of(Run.class, r -> project(r).orElse(null)))
                .dataFetcher("state", of(Run.class, Run::state))
                .dataFetcher("config", of(Run.class, Run::config))
                .dataFetcher("summaryMetrics", of(Run.class, Run::summary))
                .dataFetcher("systemMetrics", env -> "{}")
                .dataFetcher("historyKeys", of(Run.class, RunWiring::historyKeys))
                .dataFetcher("historyLineCount", of(Run.class, RunWiring::historyLineCount))
                .dataFetcher("tags", of(Run.class, Run::tags))
                .dataFetcher("group", of(Run.class, Run::group))
                .dataFetcher("jobType", of(Run.class, Run::jobType))
                .dataFetcher("sweepName", of(Run.class, Run::sweep))
                .dataFetcher("sweep", of(Run.class, r -> r.sweep() == null ? null
                        : sweeps.find(r.ref().projectRef(), r.sweep()).orElse(null)))
                .dataFetcher("user", env -> AccountWiring.VIEWER)
                .dataFetcher("host", of(Run.class, Run::host))
                .dataFetcher("commit", env -> null)
                .dataFetcher("notes", of(Run.class, Run::notes))
                .dataFetcher("description", of(Run.class, Run::description))
                .dataFetcher("readOnly", env -> false)
                .dataFetcher("createdAt", of(Run.class, Run::createdAt))
                .dataFetcher("updatedAt", of(Run.class, Run::updatedAt))
                .dataFetcher("heartbeatAt", of(Run.class, Run::heartbeatAt))
                .dataFetcher("exitcode", of(Run.class, r -> switch (r.state()) {
                    case "finished" -> 0;
                    case "failed", "crashed" -> 1;
                    default -> null;
                }))
                .dataFetcher("shouldStop", of(Run.class, r -> r.state().equals("killed")))
                .dataFetcher("failed", of(Run.class, r -> r.state().equals("failed")))
                .dataFetcher("stopped", of(Run.class, r -> r.state().equals("killed")))
                .dataFetcher("running", of(Run.class, r -> r.state().equals("running")))
                .dataFetcher("runQueueItemId", env -> null)
                .dataFetcher("sampledHistory", env -> ((List<?>) env.getArgument("specs")).stream().map(s -> List.of()).toList()));
        wiring.type(newTypeWiring("Mutation")
                .dataFetcher("upsertBucket", this::upsertBucket)
                .dataFetcher("updateRunState", env -> {
                    runs.changeState(runRef(string(input(env), "id")), string(input(env), "state"));
                    return payload("success", true, "clientMutationId", input(env).get("clientMutationId"));
                })
                .dataFetcher("stopRun", env -> {
                    runs.stop(runRef(string(input(env), "id")));
                    return payload("success", true, "clientMutationId", input(env).get("clientMutationId"));
                })
                .dataFetcher("deleteRun", env -> payload(
                        "success", runs.delete(runRef(string(input(env), "id"))),
                        "clientMutationId", input(env).get("clientMutationId"))));
    }

    /**
     * upsertBucket: with {@code id}, updates that run; otherwise creates or updates the run
     * {@code name} in {@code entityName}/{@code modelName} (a new short id when no name is given).
     */
    private Map<String, Object> upsertBucket(DataFetchingEnvironment env) {
        Map<String, Object> input = input(env);
        RunPatch patch = new RunPatch(string(input, "displayName"), string(input, "state"),
                jsonObject(input.get("config"), "config"), jsonObject(input.get("summaryMetrics"), "summaryMetrics"),
                strings(input.get("tags")), string(input, "groupName"), string(input, "jobType"),
                string(input, "notes"), string(input, "description"), false);
        String id = string(input, "id");
        if (id != null) {
            Run run = runs.update(runRef(id), patch);
            return payload("bucket", run, "inserted", false, "clientMutationId", input.get("clientMutationId"));
        }
        String entity = Optional.ofNullable(string(input, "entityName")).orElse(Viewer.ENTITY);
        String project = Optional.ofNullable(string(input, "modelName")).orElse(DEFAULT_PROJECT);
        String name = string(input, "name");
        if (name != null && runs.find(new RunRef(entity, project, name)).isPresent()) {
            Run run = runs.update(new RunRef(entity, project, name), patch);
            return payload("bucket", run, "inserted", false, "clientMutationId", input.get("clientMutationId"));
        }
        Run run = runs.create(new RunService.NewRun(new ProjectRef(entity, project), name, patch.displayName(),
                patch.state(), patch.config(), patch.summary(), patch.tags(), patch.group(), patch.jobType(),
                string(input, "sweep"), patch.notes(), patch.description(), string(input, "host"), false));
        return payload("bucket", run, "inserted", true, "clientMutationId", input.get("clientMutationId"));
    }

    private Optional<Project> project(Run run) {
        return projects.find(run.ref().projectRef());
    }

    static RunRef runRef(String id) {
        return Ids.parseRun(id).orElseThrow(() -> SandboxException.invalid("invalid run id: " + id));
    }

    /** The summary's numeric keys stand in for the history W&B would have recorded. */
    private static Map<String, Object> historyKeys(Run run) {
        Map<String, Object> keys = new LinkedHashMap<>();
        run.summary().forEach((key, value) -> {
            if (value instanceof Number) {
                keys.put(key, Map.of("typeCounts", List.of(Map.of("type", "number", "count", historyLineCount(run)))));
            }
        });
        return Map.of("keys", keys, "lastStep", Math.max(0, historyLineCount(run) - 1));
    }

    private static int historyLineCount(Run run) {
        return run.summary().get("_step") instanceof Number step ? step.intValue() + 1 : 0;
    }
}
