package io.launchpilot.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Tells {@code /q/health/ready} whether this process is playing W&B at {@code /sandbox}. */
@Readiness
@ApplicationScoped
public class SandboxHealthCheck implements HealthCheck {

    private final SandboxActivation activation;

    SandboxHealthCheck(SandboxActivation activation) {
        this.activation = activation;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("wandb-sandbox").up()
                .withData("active", activation.active())
                .withData("graphql", activation.active() ? "/sandbox/graphql" : "none")
                .build();
    }
}
