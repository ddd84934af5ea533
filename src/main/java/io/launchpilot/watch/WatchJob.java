package io.launchpilot.watch;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Polls W&B every {@code launchpilot.watch.interval} while the watcher is active (on the leader only). */
@ApplicationScoped
public class WatchJob {

    private static final Logger LOG = Logger.getLogger(WatchJob.class);

    private final WatchService watcher;

    WatchJob(WatchService watcher) {
        this.watcher = watcher;
    }

    /** A wrong scope stops {@code serve} at start-up rather than at the first poll. */
    void checkScopes(@Observes StartupEvent start) {
        if (watcher.configured()) {
            LOG.infof("watching %d W&B project(s) every %s while this replica is the leader", watcher.scopes().size(),
                    watcher.effectiveInterval());
        }
    }

    @Scheduled(identity = "watch", every = "${launchpilot.watch.interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            watcher.tick();
        } catch (RuntimeException e) {
            // each scope is guarded inside the poll; this is the last line, so the schedule goes on
            LOG.errorf(e, "a watch poll failed");
        }
    }
}
