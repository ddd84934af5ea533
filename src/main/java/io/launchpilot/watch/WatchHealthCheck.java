package io.launchpilot.watch;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports a stuck watcher: a poll running longer than {@code stuck-after}, or no poll finished for
 * {@code stuck-after} beyond the (stretched) interval. Scopes that fail are listed but do not make
 * the service unready: the others are still watched. A replica that is not the leader does not poll:
 * its watcher is inactive, and UP.
 */
@Readiness
@ApplicationScoped
public class WatchHealthCheck implements HealthCheck {

    private final WatchService watcher;
    private final WatchConfig config;
    private final Clock clock;

    WatchHealthCheck(WatchService watcher, WatchConfig config, Clock clock) {
        this.watcher = watcher;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        WatchService.Status status = watcher.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("watcher").withData("active", status.active());
        if (!status.active()) {
            return response.up().build();
        }
        Instant now = clock.instant();
        response.withData("interval", status.interval().toString())
                .withData("failingScopes", status.failing().size());
        if (status.lastCompletedAt() != null) {
            response.withData("lastPoll", status.lastCompletedAt().toString());
        }
        status.failing().forEach((scope, failure) -> response.withData(scope, failure));
        Duration stuckAfter = config.stuckAfter();
        if (status.cycleStartedAt() != null && status.cycleStartedAt().plus(stuckAfter).isBefore(now)) {
            return response.down().withData("stuck", "a poll has been running since " + status.cycleStartedAt()).build();
        }
        Instant since = status.lastCompletedAt() != null ? status.lastCompletedAt() : watcher.waitingSince();
        if (since.plus(status.interval()).plus(stuckAfter).isBefore(now)) {
            return response.down().withData("stuck", "no poll finished since " + since).build();
        }
        return response.up().build();
    }
}
