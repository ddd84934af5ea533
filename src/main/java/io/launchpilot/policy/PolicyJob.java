package io.launchpilot.policy;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Runs the policy engine every {@code launchpilot.policies.interval} while serving. */
@ApplicationScoped
public class PolicyJob {

    private static final Logger LOG = Logger.getLogger(PolicyJob.class);

    private final PolicyEngine engine;

    PolicyJob(PolicyEngine engine) {
        this.engine = engine;
    }

    @Scheduled(identity = "policies", every = "${launchpilot.policies.interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            engine.run();
        } catch (RuntimeException e) {
            // the next round reads from the same cursor; the schedule goes on
            LOG.errorf(e, "a policy round failed");
        }
    }
}
