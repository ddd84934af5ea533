package io.launchpilot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.launchpilot.store.Leadership;
import io.launchpilot.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Readiness: up while polls finish, down when none has finished for too long. */
class WatchHealthCheckTest {

    static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final WatchConfig config = new Config();
    final WatchService watcher = new WatchService(config, null, null, clock, new SimpleMeterRegistry(), null,
            new Leadership(), Optional.of("serve"));
    final WatchHealthCheck check = new WatchHealthCheck(watcher, config, clock);

    @Test
    void upWhilePollsFinishDownWhenNoneFinishedForTooLong() {
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());

        clock.advance(config.interval().plus(config.stuckAfter()).plusSeconds(1));
        HealthCheckResponse stuck = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, stuck.getStatus());
        assertTrue(String.valueOf(stuck.getData().orElseThrow().get("stuck")).startsWith("no poll finished since"));

        watcher.cycle(List.of(), clock.instant());
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
    }

    @Test
    void anIdleWatcherIsAlwaysUp() {
        WatchService idle = new WatchService(new Config() {
            @Override
            public Optional<List<Scope>> scopes() {
                return Optional.empty();
            }
        }, null, null, clock, new SimpleMeterRegistry(), null, new Leadership(), Optional.of("serve"));
        clock.advance(Duration.ofDays(1));
        assertEquals(HealthCheckResponse.Status.UP, new WatchHealthCheck(idle, config, clock).call().getStatus());
    }

    static class Config implements WatchConfig {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public Duration interval() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Optional<List<Scope>> scopes() {
            return Optional.of(List.of(new Scope() {
                @Override
                public String entity() {
                    return "acme";
                }

                @Override
                public String project() {
                    return "vision";
                }

                @Override
                public Optional<String> filter() {
                    return Optional.empty();
                }

                @Override
                public Optional<List<String>> sweeps() {
                    return Optional.empty();
                }

                @Override
                public Optional<List<String>> queues() {
                    return Optional.empty();
                }
            }));
        }

        @Override
        public Duration overlap() {
            return Duration.ofSeconds(10);
        }

        @Override
        public int pageSize() {
            return 100;
        }

        @Override
        public Duration maxBackoff() {
            return Duration.ofMinutes(10);
        }

        @Override
        public Duration stuckAfter() {
            return Duration.ofMinutes(5);
        }
    }
}
