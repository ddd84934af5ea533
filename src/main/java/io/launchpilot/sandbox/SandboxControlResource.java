package io.launchpilot.sandbox;

import io.launchpilot.sandbox.ControlRequests.CreateArtifact;
import io.launchpilot.sandbox.ControlRequests.CreateRun;
import io.launchpilot.sandbox.ControlRequests.CreateSweep;
import io.launchpilot.sandbox.ControlRequests.PatchRun;
import io.launchpilot.sandbox.ControlViews.ArtifactView;
import io.launchpilot.sandbox.ControlViews.Problem;
import io.launchpilot.sandbox.ControlViews.ResetView;
import io.launchpilot.sandbox.ControlViews.RunView;
import io.launchpilot.sandbox.ControlViews.SweepView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The sandbox's control API for tests and demos (JSON in and out): create and change runs, create
 * sweeps and artifact versions, read request counts, inject faults, reset. Bad input answers
 * {@code application/problem+json}.
 */
@Path("/sandbox/api")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class SandboxControlResource {

    private static final String PROBLEM_JSON = "application/problem+json";

    private final RunService runs;
    private final SweepService sweeps;
    private final ArtifactService artifacts;
    private final SandboxStats stats;
    private final FaultInjector faults;
    private final SandboxControl control;

    SandboxControlResource(RunService runs, SweepService sweeps, ArtifactService artifacts, SandboxStats stats,
                           FaultInjector faults, SandboxControl control) {
        this.runs = runs;
        this.sweeps = sweeps;
        this.artifacts = artifacts;
        this.stats = stats;
        this.faults = faults;
        this.control = control;
    }

    /** Creates a run; {@code config} holds plain values, {@code sweep} names an existing sweep. */
    @POST
    @Path("/runs")
    public Response createRun(String body) {
        CreateRun request = ControlRequests.read(body, CreateRun.class);
        Run run = runs.create(new RunService.NewRun(
                new ProjectRef(ControlRequests.require(request.entity(), "entity"),
                        ControlRequests.require(request.project(), "project")),
                request.name(), request.displayName(), request.state(), Configs.wrap(request.config()),
                request.summary(), request.tags(), request.group(), request.jobType(), request.sweep(), null, null,
                null, false));
        return Response.status(Response.Status.CREATED).entity(RunView.of(run)).build();
    }

    /**
     * Changes a run and bumps its heartbeat: {@code state} and {@code tags} replace, {@code summary}
     * and {@code config} keys are merged into what the run has.
     */
    @PATCH
    @Path("/runs/{entity}/{project}/{name}")
    public RunView patchRun(@PathParam("entity") String entity, @PathParam("project") String project,
                            @PathParam("name") String name, String body) {
        PatchRun request = ControlRequests.read(body, PatchRun.class);
        return RunView.of(runs.merge(new RunRef(entity, project, name), request.state(), request.summary(),
                Configs.wrap(request.config()), request.tags()));
    }

    @POST
    @Path("/sweeps")
    public Response createSweep(String body) {
        CreateSweep request = ControlRequests.read(body, CreateSweep.class);
        if (request.config() == null) {
            throw SandboxException.invalid("\"config\" is required (YAML text or a JSON object)");
        }
        Sweep sweep = sweeps.create(new SweepService.NewSweep(
                new ProjectRef(ControlRequests.require(request.entity(), "entity"),
                        ControlRequests.require(request.project(), "project")),
                request.config(), request.state(), null, null, false));
        return Response.status(Response.Status.CREATED).entity(SweepView.of(sweep)).build();
    }

    /** Logs a new version of an artifact; an existing name gets the next version and {@code latest}. */
    @POST
    @Path("/artifacts")
    public Response createArtifact(String body) {
        CreateArtifact request = ControlRequests.read(body, CreateArtifact.class);
        String entity = ControlRequests.require(request.entity(), "entity");
        String project = ControlRequests.require(request.project(), "project");
        ArtifactService.Version version = artifacts.log(new ProjectRef(entity, project),
                request.run() == null ? null : new RunRef(entity, project, request.run()),
                ControlRequests.require(request.type(), "type"), ControlRequests.require(request.name(), "name"),
                request.aliases(), null, Map.of());
        return Response.status(Response.Status.CREATED).entity(ArtifactView.of(version)).build();
    }

    /** GraphQL requests received since start or reset, by operation name. */
    @GET
    @Path("/stats")
    public SandboxStats.Snapshot stats() {
        return stats.snapshot();
    }

    /** Replaces the fault settings (absent fields: no such fault). */
    @POST
    @Path("/faults")
    public FaultInjector.Faults setFaults(String body) {
        return faults.set(ControlRequests.read(body, FaultInjector.Faults.class));
    }

    @DELETE
    @Path("/faults")
    public FaultInjector.Faults clearFaults() {
        faults.clear();
        return faults.current();
    }

    /** Empties the sandbox (state, counts, faults); {@code ?seed=demo} loads the demo again. */
    @POST
    @Path("/reset")
    public ResetView reset(@QueryParam("seed") String seed) {
        if (seed != null && !seed.equals("demo")) {
            throw SandboxException.invalid("unknown seed \"" + seed + "\"; the only seed is \"demo\"");
        }
        control.reset(seed != null);
        return new ResetView(true, seed);
    }

    @ServerExceptionMapper
    public Response refused(SandboxException e) {
        Response.Status status = switch (e.kind()) {
            case INVALID -> Response.Status.BAD_REQUEST;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case CONFLICT -> Response.Status.CONFLICT;
        };
        return Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), e.getMessage()))
                .build();
    }
}
