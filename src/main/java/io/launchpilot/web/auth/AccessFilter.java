package io.launchpilot.web.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.web.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response.Status;
import java.util.Optional;

/**
 * Asks for a bearer token on the paths {@link AccessRules} guards, once any token is configured. A
 * Vert.x filter rather than a JAX-RS one, because {@code /mcp} is not a JAX-RS resource; so its
 * refusals are written here, as the same {@link Problem} the REST API's ProblemMapper answers with.
 * The accepted token's holder is left in the routing context for {@link Caller}.
 */
@ApplicationScoped
class AccessFilter {

    /** Before the application's routes (REST, MCP), after Quarkus' own early filters. */
    static final int PRIORITY = 100;

    private final BearerTokens tokens;
    private final ObjectMapper json;

    AccessFilter(BearerTokens tokens, ObjectMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext context) {
        String path = context.normalizedPath();
        AccessRules.Area area = AccessRules.area(path);
        if (!tokens.enabled() || area == AccessRules.Area.OPEN) {
            context.next();
            return;
        }
        Optional<String> presented = Credentials.bearer(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        Optional<BearerTokens.Holder> holder = presented.flatMap(tokens::holderOf);
        if (holder.isEmpty()) {
            // RFC 6750: no error code when no token came, invalid_token when a wrong one did
            context.response().putHeader("WWW-Authenticate", presented.isEmpty()
                    ? "Bearer realm=\"launchpilot\""
                    : "Bearer realm=\"launchpilot\", error=\"invalid_token\"");
            refuse(context, Status.UNAUTHORIZED, presented.isEmpty()
                    ? "a bearer token is required: Authorization: Bearer <token>"
                    : "the bearer token is not valid");
            return;
        }
        if (area == AccessRules.Area.API && !holder.get().role().mayWrite()
                && AccessRules.writes(context.request().method().name(), path)) {
            refuse(context, Status.FORBIDDEN, "token '" + holder.get().name() + "' has role read; "
                    + context.request().method().name() + " " + path + " writes and needs a write token");
            return;
        }
        context.put(Caller.CONTEXT_KEY, holder.get());
        context.next();
    }

    private void refuse(RoutingContext context, Status status, String detail) {
        String body;
        try {
            body = json.writeValueAsString(Problem.of(status, detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem detail cannot be written", e);
        }
        context.response().setStatusCode(status.getStatusCode())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }
}
