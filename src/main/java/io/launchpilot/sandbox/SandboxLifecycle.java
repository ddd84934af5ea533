package io.launchpilot.sandbox;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Seeds the demo and says loudly, once, that the sandbox is playing W&B. */
@ApplicationScoped
public class SandboxLifecycle {

    private static final Logger LOG = Logger.getLogger(SandboxLifecycle.class);

    private final SandboxActivation activation;
    private final SandboxControl control;

    SandboxLifecycle(SandboxActivation activation, SandboxControl control) {
        this.activation = activation;
        this.control = control;
    }

    void onStart(@Observes StartupEvent event) {
        if (activation.active()) {
            control.reset(true);
            LOG.warn("Embedded W&B sandbox is serving at /sandbox (GraphQL at /sandbox/graphql) with made-up demo data"
                    + " held in memory. It is NOT Weights & Biases. To use real W&B, set WANDB_API_KEY"
                    + " (and WANDB_BASE_URL, WANDB_ENTITY if needed).");
        }
    }
}
