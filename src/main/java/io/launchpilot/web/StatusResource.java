package io.launchpilot.web;

import io.launchpilot.store.Leadership;
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

    /**
     * What this instance is, which W&B it talks to (never the key), and whether it is the replica that
     * runs the background work ({@code leader}, elected as {@code leaderMode} says).
     */
    @RegisterForReflection
    public record Status(String version, String wandbEndpoint, boolean sandbox, boolean leader, String instanceId,
            String leaderMode) {
    }

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    private final WandbClient wandb;
    private final Leadership leadership;

    StatusResource(WandbClient wandb, Leadership leadership) {
        this.wandb = wandb;
        this.leadership = leadership;
    }

    @GET
    public Status status() {
        Leadership.State leader = leadership.state();
        return new Status(version, wandb.endpoint(), wandb.sandbox(), leader.leader(), leader.instanceId(),
                leader.mode());
    }
}
