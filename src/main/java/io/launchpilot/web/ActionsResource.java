package io.launchpilot.web;

import io.launchpilot.policy.action.ActionService;
import io.launchpilot.store.ActionPage;
import io.launchpilot.store.ActionRecord;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The action outbox: what policies did, do and failed to do, and a retry for what failed. An action's id
 * ({@code <firingKey>#<index>}) may hold {@code /}, {@code #} and {@code :}; clients percent-encode it
 * in the path.
 */
@Path("/api/v1/actions")
@Produces(MediaType.APPLICATION_JSON)
public class ActionsResource {

    private final ActionService actions;

    ActionsResource(ActionService actions) {
        this.actions = actions;
    }

    @GET
    @Operation(summary = "A page of actions, newest first")
    public ActionPage list(
            @Parameter(description = "pending, running, done, failed, dead, audit or cancelled")
            @QueryParam("state") String state,
            @Parameter(description = "Only actions of this policy") @QueryParam("policy") String policy,
            @QueryParam("limit") @DefaultValue("100") int limit,
            @Parameter(description = "The 'next' cursor of the previous page") @QueryParam("cursor") String cursor) {
        try {
            return actions.list(state, policy, cursor, limit);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    @GET
    @Path("/{id: .+}")
    @Operation(summary = "One action: its parameters, state, attempts, last error and result")
    public ActionRecord get(@PathParam("id") String id) {
        return actions.get(id);
    }

    @POST
    @Path("/{id: .+}:retry")
    @Operation(summary = "Send a failed or dead action back to pending, attempts from 0")
    public ActionRecord retry(@PathParam("id") String id) {
        return actions.retry(id);
    }
}
