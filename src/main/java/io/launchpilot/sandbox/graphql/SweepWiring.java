package io.launchpilot.sandbox.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;
import static io.launchpilot.sandbox.graphql.Fetchers.filter;
import static io.launchpilot.sandbox.graphql.Fetchers.input;
import static io.launchpilot.sandbox.graphql.Fetchers.jsonObject;
import static io.launchpilot.sandbox.graphql.Fetchers.of;
import static io.launchpilot.sandbox.graphql.Fetchers.payload;
import static io.launchpilot.sandbox.graphql.Fetchers.string;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.launchpilot.sandbox.Ids;
import io.launchpilot.sandbox.Project;
import io.launchpilot.sandbox.ProjectRef;
import io.launchpilot.sandbox.ProjectService;
import io.launchpilot.sandbox.RunService;
import io.launchpilot.sandbox.Sweep;
import io.launchpilot.sandbox.SweepService;
import io.launchpilot.sandbox.Viewer;
import io.launchpilot.filter.RunFilter;
import io.launchpilot.filter.RunOrder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sweeps: lookup and listing in a project, the Sweep type with its runs, and upsertSweep. */
@ApplicationScoped
class SweepWiring implements Wiring {

    private final SweepService sweeps;
    private final RunService runs;
    private final ProjectService projects;

    SweepWiring(SweepService sweeps, RunService runs, ProjectService projects) {
        this.sweeps = sweeps;
        this.runs = runs;
        this.projects = projects;
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type(newTypeWiring("Project")
                .dataFetcher("sweep", of(Project.class, (p, env) -> sweeps.find(p.ref(), env.getArgument("sweepName")).orElse(null)))
                .dataFetcher("sweeps", of(Project.class, (p, env) -> sweeps.page(p.ref(), filter(env),
                        env.getArgument("after"), env.getArgument("first"))))
                .dataFetcher("totalSweeps", of(Project.class, p -> sweeps.count(p.ref()))));
        wiring.type(newTypeWiring("Sweep")
                .dataFetcher("id", of(Sweep.class, s -> Ids.of("Sweep", s.id())))
                .dataFetcher("name", of(Sweep.class, Sweep::name))
                .dataFetcher("displayName", of(Sweep.class, Sweep::displayName))
                .dataFetcher("method", of(Sweep.class, Sweep::method))
                .dataFetcher("state", of(Sweep.class, Sweep::state))
                .dataFetcher("description", of(Sweep.class, Sweep::description))
                .dataFetcher("bestLoss", of(Sweep.class, sweeps::bestLoss))
                .dataFetcher("config", of(Sweep.class, Sweep::config))
                .dataFetcher("createdAt", of(Sweep.class, Sweep::createdAt))
                .dataFetcher("updatedAt", of(Sweep.class, Sweep::updatedAt))
                .dataFetcher("heartbeatAt", of(Sweep.class, Sweep::updatedAt))
                .dataFetcher("runCount", of(Sweep.class, sweeps::runCount))
                .dataFetcher("runCountExpected", of(Sweep.class, SweepService::runCountExpected))
                .dataFetcher("earlyStopJobRunning", env -> false)
                .dataFetcher("controller", env -> null)
                .dataFetcher("scheduler", env -> null)
                .dataFetcher("priorRunsCount", env -> 0)
                .dataFetcher("project", of(Sweep.class, s -> projects.find(s.project()).orElse(null)))
                .dataFetcher("runs", of(Sweep.class, (s, env) -> runs.page(s.project(),
                        RunFilter.compile(Map.of("sweep", s.name())).and(filter(env)),
                        RunOrder.parse(env.getArgument("order")), env.getArgument("after"), env.getArgument("first")))));
        wiring.type(newTypeWiring("Mutation").dataFetcher("upsertSweep", this::upsertSweep));
    }

    /**
     * upsertSweep: with {@code id}, changes that sweep's state, config, description or display
     * name; without, creates a sweep from the YAML config.
     */
    private Map<String, Object> upsertSweep(DataFetchingEnvironment env) {
        Map<String, Object> input = input(env);
        String id = string(input, "id");
        Sweep sweep;
        boolean inserted = id == null;
        if (id != null) {
            sweep = sweeps.update(Ids.require("Sweep", id), input.get("config"), string(input, "state"),
                    string(input, "displayName"), string(input, "description"));
        } else {
            ProjectRef project = new ProjectRef(
                    Optional.ofNullable(string(input, "entityName")).orElse(Viewer.ENTITY),
                    Optional.ofNullable(string(input, "projectName")).orElse(RunWiring.DEFAULT_PROJECT));
            sweep = sweeps.create(new SweepService.NewSweep(project, input.get("config"), string(input, "state"),
                    string(input, "displayName"), string(input, "description"), false));
            Map<String, Object> priorRuns = jsonObject(input.get("priorRunsFilters"), "priorRunsFilters");
            if (priorRuns != null) {
                runs.attachToSweep(project, RunFilter.compile(priorRuns), sweep.name());
            }
        }
        return payload("sweep", sweep, "inserted", inserted, "configValidationWarnings", List.of(),
                "clientMutationId", input.get("clientMutationId"));
    }
}
