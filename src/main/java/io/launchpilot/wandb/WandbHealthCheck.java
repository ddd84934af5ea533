package io.launchpilot.wandb;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code wandb}: DOWN while W&B cannot be reached (or refuses the API key), so that a
 * W&B outage takes replicas out of the load balancer while liveness stays UP and nothing restarts.
 * Cheap: it reuses the client's last call when that reached W&B recently, and otherwise asks W&B for
 * the viewer itself. A failure is never reused: W&B may be back already, and a replica must not stay
 * out of the load balancer for {@code launchpilot.wandb.health-check-every} after one failed poll.
 */
@Readiness
@ApplicationScoped
public class WandbHealthCheck implements HealthCheck {

    private final WandbClient wandb;
    private final Duration reuseFor;
    /** One probe at a time: checks arriving meanwhile answer from the last outcome instead of queueing. */
    private final ReentrantLock probing = new ReentrantLock();

    @Inject
    WandbHealthCheck(WandbClient wandb, WandbConfig config) {
        this(wandb, config.healthCheckEvery());
    }

    WandbHealthCheck(WandbClient wandb, Duration reuseFor) {
        this.wandb = wandb;
        this.reuseFor = reuseFor;
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
        if (last.isPresent() && last.get().reached() && last.get().age().compareTo(reuseFor) < 0) {
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
