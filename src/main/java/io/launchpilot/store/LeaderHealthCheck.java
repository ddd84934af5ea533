package io.launchpilot.store;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code leader}: shows whether this replica leads, and how leaders are elected. It is
 * UP on the leader and on followers alike: a follower serves REST, MCP and webhooks and must stay
 * in the Service.
 */
@Readiness
@ApplicationScoped
public class LeaderHealthCheck implements HealthCheck {

    private final Leadership leadership;

    LeaderHealthCheck(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public HealthCheckResponse call() {
        Leadership.State state = leadership.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("leader").up()
                .withData("leader", state.leader())
                .withData("mode", state.mode())
                .withData("instanceId", state.instanceId());
        if (state.holder() != null) {
            response.withData("holder", state.holder());
        }
        if (state.since() != null) {
            response.withData("since", state.since().toString());
        }
        return response.build();
    }
}
