package io.launchpilot.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.launchpilot.policy.action.ActionNotFoundException;
import io.launchpilot.policy.action.ActionNotRetryableException;
import io.launchpilot.policy.PolicyNotFoundException;
import io.launchpilot.policy.PolicySpecException;
import io.launchpilot.queue.ApplyFailedException;
import io.launchpilot.queue.EnqueueRejectedException;
import io.launchpilot.queue.PlanRefusedException;
import io.launchpilot.queue.QueueNotFoundException;
import io.launchpilot.queue.QueueNotManagedException;
import io.launchpilot.queue.QueueSpecException;
import io.launchpilot.spec.SpecProblem;
import io.launchpilot.store.DuplicateDeliveryException;
import io.launchpilot.wandb.WandbException;
import io.launchpilot.web.webhook.WebhookRefusedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become HTTP answers: every error of the REST API is
 * {@code application/problem+json}. Features throw their own exceptions; this class decides the
 * status. Unexpected failures are logged here and answered without internals.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response original = e.getResponse();
        Status status = Status.fromStatusCode(original.getStatus());
        String detail = e.getMessage();
        if (status == null) {
            return new Problem(null, "HTTP " + original.getStatus(), original.getStatus(), detail, null, null)
                    .toResponse();
        }
        return Problem.of(status, detail).toResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return Problem.of(Status.BAD_REQUEST, "malformed JSON: " + e.getOriginalMessage()).toResponse();
    }

    /** W&B failed us (after retries, or with a GraphQL error): the gateway's fault, not the caller's. */
    @ServerExceptionMapper
    public Response wandb(WandbException e) {
        return Problem.of(Status.BAD_GATEWAY, e.getMessage()).toResponse();
    }

    /** Every error of the specs, each at body:line:column; nothing was applied. */
    @ServerExceptionMapper
    public Response invalidSpecs(QueueSpecException e) {
        return new Problem(null, "Invalid queue specs", 422, e.getMessage(), null, e.errors().stream()
                .map(problem -> new Problem.Item(problem.position().toString(), problem.reason())).toList())
                .toResponse();
    }

    /** Every problem of the policies, each at file:line:column (body:line:column for a request body). */
    @ServerExceptionMapper
    public Response invalidPolicies(PolicySpecException e) {
        return new Problem(null, "Invalid policies", 422, e.getMessage(), null, e.problems().stream()
                .filter(SpecProblem::isError)
                .map(problem -> new Problem.Item(problem.position().toString(), problem.reason())).toList())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response policyNotFound(PolicyNotFoundException e) {
        return Problem.of(Status.NOT_FOUND, e.getMessage()).toResponse();
    }

    /** The plan holds a change W&B cannot make (V0 back to DISABLED); nothing was applied. */
    @ServerExceptionMapper
    public Response planRefused(PlanRefusedException e) {
        return new Problem(null, "Plan refused", 409, e.getMessage(), null, e.plan().refused().stream()
                .map(change -> new Problem.Item(change.position() != null ? change.position().toString()
                        : change.queue().path(), "queue " + change.queue().path() + ": " + change.reason()))
                .toList()).toResponse();
    }

    @ServerExceptionMapper
    public Response applyFailed(ApplyFailedException e) {
        return new Problem(null, "Apply failed in part", 502, e.getMessage(), null, e.result().failures().stream()
                .map(failure -> new Problem.Item(failure.queue().path(), failure.action() + ": " + failure.error()))
                .toList()).toResponse();
    }

    /** A run that does not fit its queue, one entry per broken rule ({@code vars.<name>}, {@code priority}). */
    @ServerExceptionMapper
    public Response enqueueRejected(EnqueueRejectedException e) {
        return new Problem(null, "Run does not fit the queue", 422, e.getMessage(), null, e.violations().stream()
                .map(violation -> new Problem.Item(violation.field(), violation.reason())).toList()).toResponse();
    }

    @ServerExceptionMapper
    public Response queueNotFound(QueueNotFoundException e) {
        return Problem.of(Status.NOT_FOUND, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response queueNotManaged(QueueNotManagedException e) {
        return Problem.of(Status.CONFLICT, e.getMessage()).toResponse();
    }

    /** A webhook delivery that was not taken in; nothing of it was stored. */
    @ServerExceptionMapper
    public Response webhookRefused(WebhookRefusedException e) {
        Status status = switch (e.reason()) {
            case UNAUTHENTICATED -> Status.UNAUTHORIZED;
            case UNKNOWN_WEBHOOK -> Status.NOT_FOUND;
            case NOT_CONFIGURED -> Status.SERVICE_UNAVAILABLE;
            case TOO_LARGE -> Status.REQUEST_ENTITY_TOO_LARGE;
            case MALFORMED -> Status.BAD_REQUEST;
        };
        return Problem.of(status, e.getMessage()).toResponse();
    }

    /** The same webhook delivery again within the replay window; the first one was recorded. */
    @ServerExceptionMapper
    public Response duplicateDelivery(DuplicateDeliveryException e) {
        return Problem.of(Status.CONFLICT, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response actionNotFound(ActionNotFoundException e) {
        return Problem.of(Status.NOT_FOUND, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response actionNotRetryable(ActionNotRetryableException e) {
        return Problem.of(Status.CONFLICT, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure answering a REST request", e);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "internal error; see the server log").toResponse();
    }
}
