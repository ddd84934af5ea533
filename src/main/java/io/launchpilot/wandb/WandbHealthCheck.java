package io.launchpilot.wandb;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code wandb}: DOWN while W&B cannot be reached (or refuses the API key), so that a
 * W&B outage takes replicas out of the load balancer while liveness stays UP and nothing restarts.
 * Cheap: it reuses the outcome of the client's last call when it is recent, and otherwise asks W&B
 * for the viewer at most once per {@code launchpilot.wandb.health-check-every}.
 */
@Readiness
@ApplicationScoped
public class WandbHealthCheck implements HealthCheck {

    private final WandbClient wandb;
    private final WandbConfig config;
    /** One probe at a time: checks arriving meanwhile answer from the last outcome instead of queueing. */
    private final ReentrantLock probing = new ReentrantLock();

    WandbHealthCheck(WandbClient wandb, WandbConfig config) {
        this.wandb = wandb;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("wandb")
                .withData("endpoint", wandb.endpoint())
                .withData("sandbox", wandb.sandbox());
        Optional<Contact> contact = current();
        if (contact.isEmpty()) {
            return response.up().withData("checked", "not yet").build();
        }
        response.withData("checkedSecondsAgo", contact.get().age().toSeconds());
        if (contact.get().reached()) {
            return response.up().build();
        }
        return response.down().withData("problem", contact.get().problem()).build();
    }

    private Optional<Contact> current() {
        Optional<Contact> last = wandb.lastContact();
        if (last.isPresent() && last.get().age().compareTo(config.healthCheckEvery()) < 0) {
            return last;
        }
        if (!probing.tryLock()) {
            return last;
        }
        try {
            return Optional.of(wandb.probe());
        } finally {
            probing.unlock();
        }
    }
}
