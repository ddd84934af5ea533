package io.launchpilot.sandbox;

import io.launchpilot.RunMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides whether this process plays W&B at {@code /sandbox}: always in the {@code sandbox} run
 * mode; in {@code serve} (or when no run mode is set, as in tests) only when no W&B API key is
 * configured; never for one-shot commands.
 */
@ApplicationScoped
public class SandboxActivation {

    private final boolean active;

    SandboxActivation(@ConfigProperty(name = "launchpilot.run-mode") Optional<String> runMode,
                      @ConfigProperty(name = "launchpilot.wandb.api-key") Optional<String> apiKey) {
        this.active = decide(runMode, apiKey);
    }

    static boolean decide(Optional<String> runMode, Optional<String> apiKey) {
        return switch (RunMode.configured(runMode)) {
            case SANDBOX -> true;
            case SERVE -> apiKey.map(String::strip).filter(k -> !k.isEmpty()).isEmpty();
            case MCP, COMMAND -> false;
        };
    }

    public boolean active() {
        return active;
    }
}
