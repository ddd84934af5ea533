package io.launchpilot.web.webhook;

import io.launchpilot.store.StoreException;
import io.launchpilot.store.StoreMigration;
import io.launchpilot.store.WebhookDeliveries;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Forgets deliveries older than the replay window, once per window. Any replica may do it: deleting
 * what is past the window twice is harmless.
 */
@ApplicationScoped
public class WebhookDeliveryPruneJob {

    private static final Logger LOG = Logger.getLogger(WebhookDeliveryPruneJob.class);

    private final WebhookDeliveries deliveries;
    private final WebhooksConfig config;
    private final Clock clock;
    private final StoreMigration migration;
    private final boolean serving;

    WebhookDeliveryPruneJob(WebhookDeliveries deliveries, WebhooksConfig config, Clock clock, StoreMigration migration,
            @ConfigProperty(name = "launchpilot.run-mode") Optional<String> runMode) {
        this.deliveries = deliveries;
        this.config = config;
        this.clock = clock;
        this.migration = migration;
        this.serving = StoreMigration.usesStore(runMode);
    }

    @Scheduled(identity = "webhook-delivery-prune", every = "${launchpilot.webhooks.replay-window:10m}",
            delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!serving || !migration.done()) {
            return;
        }
        try {
            int deleted = prune();
            LOG.debugf("forgot %d webhook deliveries past the replay window", deleted);
        } catch (StoreException e) {
            LOG.warnf("could not prune webhook deliveries: %s", e.getMessage());
        }
    }

    /** Deletes the deliveries received before {@code now - replay-window}; returns how many. */
    int prune() {
        return deliveries.deleteBefore(clock.instant().minus(config.replayWindow()));
    }
}
