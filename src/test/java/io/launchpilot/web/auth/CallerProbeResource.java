package io.launchpilot.web.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** A test-only endpoint that shows what {@link Caller} says about the current request. */
@Path("/api/v1/test/caller")
public class CallerProbeResource {

    private final Caller caller;

    CallerProbeResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> caller() {
        return Map.of("role", caller.role().name(), "mayWrite", caller.mayWrite(),
                "token", caller.tokenName().orElse(""));
    }
}
