package io.launchpilot.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.launchpilot.policy.FiringView;
import io.launchpilot.policy.PolicyNotFoundException;
import io.launchpilot.policy.PolicyService;
import io.launchpilot.policy.PolicyView;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Policies over REST: the running set, one policy with its recent firings, validation of a policy text
 * (200 with the policies it holds, or 422 problem+json with one item per problem at
 * {@code body:line:column}), and a dry run that answers what a policy would do, acting on nothing.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PoliciesResource {

    private final PolicyService policies;

    PoliciesResource(PolicyService policies) {
        this.policies = policies;
    }

    @GET
    @Path("policies")
    public List<PolicyView> list() {
        return policies.list();
    }

    @GET
    @Path("policies/{name}")
    public PolicyService.Detail get(@PathParam("name") String name) {
        return policies.get(name).orElseThrow(() -> new PolicyNotFoundException(name));
    }

    /** Checks the policies in the body (YAML, one or more documents); nothing is loaded. */
    @POST
    @Path("policies:validate")
    @Consumes(MediaType.WILDCARD)
    public List<PolicyView> validate(String body) {
        return policies.validate(body);
    }

    /** The firings a running policy would make for the event or run in the body, with resolved actions. */
    @POST
    @Path("policies/{name}:dry-run")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<FiringView> dryRun(@PathParam("name") String name, JsonNode body) {
        try {
            return policies.dryRun(name, body).orElseThrow(() -> new PolicyNotFoundException(name));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
