package io.launchpilot.web;

import io.launchpilot.wandb.WandbClient;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@Path("/api/v1/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    /** What this instance is and which W&B it talks to (never the key). */
    @RegisterForReflection
    public record Status(String version, String wandbEndpoint, boolean sandbox) {
    }

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    private final WandbClient wandb;

    StatusResource(WandbClient wandb) {
        this.wandb = wandb;
    }

    @GET
    public Status status() {
        return new Status(version, wandb.endpoint(), wandb.sandbox());
    }
}
