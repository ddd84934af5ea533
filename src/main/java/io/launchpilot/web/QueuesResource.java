package io.launchpilot.web;

import io.launchpilot.queue.ApplyFailedException;
import io.launchpilot.queue.ApplyResult;
import io.launchpilot.queue.EnqueueRequest;
import io.launchpilot.queue.EnqueueService;
import io.launchpilot.queue.PlanOptions;
import io.launchpilot.spec.Position;
import io.launchpilot.queue.QueueChange.Action;
import io.launchpilot.queue.QueueDefinition;
import io.launchpilot.queue.QueueNotFoundException;
import io.launchpilot.queue.QueuePlan;
import io.launchpilot.queue.QueueService;
import io.launchpilot.queue.QueueSpecException;
import io.launchpilot.queue.QueueSpecLoader;
import io.launchpilot.queue.QueueSpecSet;
import io.launchpilot.queue.QueueView;
import io.launchpilot.spec.SpecProblem;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.QueuedRun;
import io.launchpilot.wandb.WandbClient;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Queues as code over REST. Specs come in the request body as YAML or JSON (one or more documents,
 * or a JSON array); errors are problem+json with one entry per problem, located at
 * {@code body:line:column}.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class QueuesResource {

    /** A run to enqueue: exactly one of job and image; vars as JSON values or text. */
    @RegisterForReflection
    public record EnqueueBody(String job, String image, Map<String, Object> vars, String priority,
            Map<String, Object> config, String project) {
    }

    private final QueueService queues;
    private final QueueSpecLoader loader;
    private final EnqueueService enqueue;
    private final WandbClient wandb;

    QueuesResource(QueueService queues, QueueSpecLoader loader, EnqueueService enqueue, WandbClient wandb) {
        this.queues = queues;
        this.loader = loader;
        this.enqueue = enqueue;
        this.wandb = wandb;
    }

    /** The run queues of an entity (default: the configured entity, else the API key's). */
    @GET
    @Path("queues")
    public List<QueueView> list(@QueryParam("entity") String entity) {
        String owner = entity != null && !entity.isBlank() ? entity : wandb.defaultEntity()
                .orElseThrow(() -> new BadRequestException("name an entity: ?entity=..."));
        if (owner.contains("/")) {
            throw new BadRequestException("entity must not contain '/', got " + owner);
        }
        return queues.list(owner);
    }

    /** One run queue with its items. */
    @GET
    @Path("queues/{entity}/{name}")
    public QueueView get(@PathParam("entity") String entity, @PathParam("name") String name) {
        QueueRef ref = ref(entity, name);
        return queues.get(ref).orElseThrow(() -> new QueueNotFoundException(ref));
    }

    /** What applying the specs in the body would do; changes nothing. Refused changes are listed, not errors. */
    @POST
    @Path("queues:plan")
    @Consumes(MediaType.WILDCARD)
    public QueuePlan plan(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("prune") boolean prune) {
        return queues.plan(specs(body, contentType), new PlanOptions(prune, false, Set.of()));
    }

    /**
     * Applies the specs in the body ({@code ?dryRun=true} only plans; {@code ?prune=true} deletes the
     * managed queues of the same entities that the body does not name).
     */
    @POST
    @Path("queues:apply")
    @Consumes(MediaType.WILDCARD)
    public ApplyResult apply(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("dryRun") boolean dryRun, @QueryParam("prune") boolean prune) {
        ApplyResult result = queues.apply(specs(body, contentType), new PlanOptions(prune, false, Set.of()), dryRun);
        if (result.failed()) {
            throw new ApplyFailedException(result);
        }
        return result;
    }

    /** Creates or updates one queue from the spec in the body, which must name this queue. 201 when created. */
    @PUT
    @Path("queues/{entity}/{name}")
    @Consumes(MediaType.WILDCARD)
    public Response put(@PathParam("entity") String entity, @PathParam("name") String name, String body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @QueryParam("dryRun") boolean dryRun) {
        QueueRef ref = ref(entity, name);
        QueueSpecSet specs = specs(body, contentType);
        if (specs.queues().size() != 1) {
            throw new QueueSpecException(List.of(SpecProblem.error(Position.start(QueueSpecLoader.BODY),
                    "PUT takes exactly one queue spec, got " + specs.queues().size())));
        }
        QueueDefinition spec = specs.queues().get(0);
        if (!spec.ref().equals(ref)) {
            throw new QueueSpecException(List.of(SpecProblem.error(spec.position(),
                    "the spec is for queue " + spec.ref().path() + " but the path names " + ref.path())));
        }
        ApplyResult result = queues.apply(specs, new PlanOptions(false, true, Set.of()), dryRun);
        if (result.failed()) {
            throw new ApplyFailedException(result);
        }
        boolean created = !dryRun && result.applied().stream().anyMatch(change -> change.action() == Action.CREATE);
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK).entity(result).build();
    }

    /** Deletes a queue Launchpilot manages ({@code ?force=true}: any queue). */
    @DELETE
    @Path("queues/{entity}/{name}")
    public Response delete(@PathParam("entity") String entity, @PathParam("name") String name,
            @QueryParam("force") boolean force) {
        queues.delete(ref(entity, name), force);
        return Response.noContent().build();
    }

    /** Puts a run on the queue after checking it against the queue's template variables and prioritization. */
    @POST
    @Path("queues/{entity}/{name}/items")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response enqueue(@PathParam("entity") String entity, @PathParam("name") String name, EnqueueBody body) {
        QueueRef ref = ref(entity, name);
        if (body == null) {
            throw new BadRequestException("a JSON body is required: {\"image\" or \"job\", \"vars\", \"priority\", ...}");
        }
        QueuedRun queued = enqueue.enqueue(new EnqueueRequest(ref, body.job(), body.image(), body.vars(),
                EnqueueRequest.priority(ref, body.priority()), body.config(), body.project()));
        return Response.status(Response.Status.CREATED).entity(queued).build();
    }

    private QueueSpecSet specs(String body, String contentType) {
        String text = body == null ? "" : body;
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            // tabs are whitespace to JSON but not to YAML's scanner; one for one keeps every column
            text = text.replace('\t', ' ');
        }
        return loader.parse(QueueSpecLoader.BODY, text);
    }

    private static QueueRef ref(String entity, String name) {
        try {
            return new QueueRef(entity, name);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
