package io.launchpilot.policy.action;

import io.launchpilot.store.Leadership;
import io.launchpilot.store.StoreMigration;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the outbox in the background of {@code serve}, on the leader only: one thread that runs the due
 * actions (on the executor's workers), then waits for the poll interval or until new actions are queued (so an action follows its
 * firing at once). A failure of one pass is logged and the next pass goes on.
 */
@ApplicationScoped
public class ActionJob {

    private static final Logger LOG = Logger.getLogger(ActionJob.class);

    private final ActionExecutor executor;
    private final ActionWakeUp wakeUp;
    private final ActionsConfig config;
    private final Leadership leadership;
    private final StoreMigration migration;
    private final boolean serving;
    private volatile Thread thread;
    private volatile boolean stopping;

    ActionJob(ActionExecutor executor, ActionWakeUp wakeUp, ActionsConfig config, Leadership leadership,
            StoreMigration migration, @ConfigProperty(name = "launchpilot.run-mode") Optional<String> runMode) {
        this.executor = executor;
        this.wakeUp = wakeUp;
        this.config = config;
        this.leadership = leadership;
        this.migration = migration;
        this.serving = StoreMigration.usesStore(runMode);
    }

    void start(@Observes StartupEvent start) {
        if (!serving || !config.executor()) {
            return;
        }
        config.crashAt().ifPresent(point -> LOG.warnf(
                "launchpilot.actions.crash-at=%s is set: this process halts after its first actions (a test hook)", point));
        thread = new Thread(this::loop, "action-executor");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stop) {
        stopping = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    private void loop() {
        long wait = Math.max(10, config.pollInterval().toMillis());
        while (!stopping) {
            try {
                if (migration.done() && leadership.isLeader()) {
                    executor.runDue();
                }
                wakeUp.await(wait);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "an outbox pass failed");
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
