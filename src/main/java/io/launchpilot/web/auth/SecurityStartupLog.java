package io.launchpilot.web.auth;

import io.launchpilot.RunMode;
import io.launchpilot.wandb.WandbClient;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Says at start-up whether the API and {@code /mcp} ask for tokens: a warning when they are open
 * outside the sandbox, an info line in sandbox mode. Names and roles only, never a secret. One-shot
 * commands serve no HTTP and say nothing.
 */
@ApplicationScoped
class SecurityStartupLog {

    private static final Logger LOG = Logger.getLogger(SecurityStartupLog.class);

    void log(@Observes StartupEvent start, BearerTokens tokens, WandbClient wandb,
            @ConfigProperty(name = "launchpilot.run-mode") Optional<String> runMode) {
        if (RunMode.configured(runMode) == RunMode.COMMAND) {
            return;
        }
        report(tokens, wandb.sandbox());
    }

    static void report(BearerTokens tokens, boolean sandbox) {
        if (tokens.enabled()) {
            LOG.infof("access control on: /api/v1 and /mcp need a bearer token (%s)", tokens.holders().stream()
                    .map(holder -> holder.name() + ": " + holder.role().name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        } else if (sandbox) {
            LOG.info("access control off: /api/v1 and /mcp are open (sandbox mode); "
                    + "set launchpilot.auth.tokens.<name>.secret and .role to require tokens");
        } else {
            LOG.warn("access control off: /api/v1 and /mcp are open to anyone who can reach this port; "
                    + "set launchpilot.auth.tokens.<name>.secret and .role to require tokens");
        }
    }
}
