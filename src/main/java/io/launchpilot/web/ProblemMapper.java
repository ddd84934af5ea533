package io.launchpilot.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.launchpilot.wandb.WandbException;
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

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure answering a REST request", e);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "internal error; see the server log").toResponse();
    }
}
