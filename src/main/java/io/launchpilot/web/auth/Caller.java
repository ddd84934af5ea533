package io.launchpilot.web.auth;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * Who is calling, for the current request: the role of the bearer token that {@link AccessFilter}
 * accepted. Inject it where the HTTP layer cannot tell a read from a write, i.e. in MCP tools (every MCP
 * call is an HTTP POST to {@code /mcp}): a tool that changes anything calls {@link #mayWrite()} first
 * and answers a tool error when it is false.
 *
 * <ul>
 *   <li>A request that presented a token: that token's role.</li>
 *   <li>No tokens configured (the API is open): {@link Role#WRITE}.</li>
 *   <li>No HTTP request at all (the stdio MCP transport of {@code launchpilot mcp}, a local process
 *       started by the user who owns the configuration): {@link Role#WRITE}.</li>
 *   <li>Tokens configured, but an HTTP request that did not go through a guarded path: {@link Role#READ},
 *       so a route left out of the rules fails closed.</li>
 * </ul>
 * {@code launchpilot.mcp.read-only} applies on top of this, to every caller.
 */
@RequestScoped
public class Caller {

    /** Where {@link AccessFilter} leaves the accepted token's holder in the Vert.x routing context. */
    static final String CONTEXT_KEY = "launchpilot.caller";

    private final CurrentVertxRequest request;
    private final BearerTokens tokens;

    Caller(CurrentVertxRequest request, BearerTokens tokens) {
        this.request = request;
        this.tokens = tokens;
    }

    /** The caller's role; see the class comment for callers without a token. */
    public Role role() {
        return holder().map(BearerTokens.Holder::role).orElseGet(() -> {
            RoutingContext context = request.getCurrent();
            return !tokens.enabled() || context == null ? Role.WRITE : Role.READ;
        });
    }

    /** Whether the caller may change anything. */
    public boolean mayWrite() {
        return role().mayWrite();
    }

    /** The name of the caller's token (never its secret), when one was presented. */
    public Optional<String> tokenName() {
        return holder().map(BearerTokens.Holder::name);
    }

    private Optional<BearerTokens.Holder> holder() {
        RoutingContext context = request.getCurrent();
        return context == null ? Optional.empty() : Optional.ofNullable(context.get(CONTEXT_KEY));
    }
}
