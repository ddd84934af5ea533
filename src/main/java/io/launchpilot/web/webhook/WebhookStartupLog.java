package io.launchpilot.web.webhook;

import io.launchpilot.RunMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Says at start-up how webhook deliveries are checked (never with what secret). */
@ApplicationScoped
class WebhookStartupLog {

    private static final Logger LOG = Logger.getLogger(WebhookStartupLog.class);

    void log(@Observes StartupEvent start, WandbWebhook wandb, GenericWebhooks generic,
            @ConfigProperty(name = "launchpilot.run-mode") Optional<String> runMode) {
        if (RunMode.configured(runMode) == RunMode.COMMAND) {
            return;
        }
        LOG.info("webhooks: /api/v1/webhooks/wandb checks " + wandb.describe()
                + (generic.names().isEmpty() ? "" : "; generic webhooks: " + String.join(", ", generic.names())));
    }
}
