package io.launchpilot.sandbox;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Hides every {@code /sandbox/**} path (404) when the sandbox is not active. */
public class SandboxGate {

    private final SandboxActivation activation;

    SandboxGate(SandboxActivation activation) {
        this.activation = activation;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> hideWhenInactive(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean sandboxPath = path.equals("/sandbox") || path.startsWith("/sandbox/");
        return sandboxPath && !activation.active()
                ? Optional.of(Response.status(Response.Status.NOT_FOUND).build())
                : Optional.empty();
    }
}
