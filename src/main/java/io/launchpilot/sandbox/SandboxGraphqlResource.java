package io.launchpilot.sandbox;

import io.launchpilot.sandbox.graphql.SandboxGraphql;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * W&B's GraphQL endpoint as the SDK calls it ({@code POST {base}/graphql}). As W&B does, errors
 * raised while running a document answer 200 with {@code errors}; a document that cannot run
 * (bad syntax, unknown fields, wrong variables) or a body that is not a GraphQL request answers
 * 400 with {@code errors}. Authorization is accepted whatever it is, and never read or logged.
 */
@Path("/sandbox/graphql")
public class SandboxGraphqlResource {

    private static final Logger LOG = Logger.getLogger(SandboxGraphqlResource.class);

    private final SandboxGraphql graphql;
    private final SandboxStats stats;
    private final FaultInjector faults;

    SandboxGraphqlResource(SandboxGraphql graphql, SandboxStats stats, FaultInjector faults) {
        this.graphql = graphql;
        this.stats = stats;
        this.faults = faults;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response execute(String body) throws InterruptedException {
        Map<String, Object> request;
        try {
            request = Json.object(body, "request body");
        } catch (SandboxException e) {
            stats.count(SandboxStats.ANONYMOUS);
            return error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        String query = request.get("query") instanceof String q ? q : null;
        String operationName = request.get("operationName") instanceof String name ? name : null;
        String operation = query == null ? SandboxStats.ANONYMOUS
                : SandboxGraphql.operationName(query, operationName).orElse(SandboxStats.ANONYMOUS);
        stats.count(operation);
        LOG.debugf("GraphQL %s: %s", operation, query);

        FaultInjector.Decision fault = faults.decide();
        if (fault.latencyMs() > 0) {
            Thread.sleep(fault.latencyMs());
        }
        if (fault.status() == 429) {
            return Response.fromResponse(error(Response.Status.TOO_MANY_REQUESTS, "rate limit exceeded (injected fault)"))
                    .header("Retry-After", fault.retryAfterSeconds()).build();
        }
        if (fault.status() != 0) {
            return error(Response.Status.fromStatusCode(fault.status()), "server error (injected fault)");
        }

        if (query == null || query.isBlank()) {
            return error(Response.Status.BAD_REQUEST, "request body must have a \"query\" string");
        }
        Map<String, Object> variables;
        try {
            variables = Json.object(request.get("variables"), "variables");
        } catch (SandboxException e) {
            return error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        SandboxGraphql.Result result = graphql.execute(query, variables, operationName);
        return Response.status(result.executed() ? Response.Status.OK : Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE).entity(result.body()).build();
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("errors", List.of(Map.of("message", message)))).build();
    }
}
