package io.launchpilot.store;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Deletes events older than {@code launchpilot.store.retention}; among replicas, the leader does. */
@ApplicationScoped
public class EventRetentionJob {

    private static final Logger LOG = Logger.getLogger(EventRetentionJob.class);

    private final Store store;
    private final StoreConfig config;
    private final Clock clock;
    private final Leadership leadership;
    private final boolean serving;

    EventRetentionJob(Store store, StoreConfig config, Clock clock, Leadership leadership,
            @ConfigProperty(name = "launchpilot.run-mode") Optional<String> runMode) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.leadership = leadership;
        this.serving = StoreMigration.usesStore(runMode);
    }

    @Scheduled(identity = "event-retention", every = "${launchpilot.store.retention-interval:1h}",
            delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        if (!serving || !leadership.isLeader()) {
            return;
        }
        try {
            int deleted = expire(config.retention());
            if (deleted > 0) {
                LOG.infof("deleted %d events older than %s", deleted, config.retention());
            }
        } catch (StoreException e) {
            LOG.warnf("could not delete expired events: %s", e.getMessage());
        }
    }

    /** Deletes events observed more than {@code retention} ago; none when it is zero. */
    int expire(Duration retention) {
        if (retention.isZero() || retention.isNegative()) {
            return 0;
        }
        return store.deleteEventsBefore(clock.instant().minus(retention));
    }
}
