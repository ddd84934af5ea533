package io.launchpilot.policy.action;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The outbox's tests: W&B calls fail at once instead of being retried inside the client, so the
 * outbox's own retries are what the tests see; the sandbox's simulator stays still; a webhook secret.
 */
public class OutboxProfile implements QuarkusTestProfile {

    static final String SECRET = "whsec_c2VjcmV0LWZvci10ZXN0cw==";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("launchpilot.wandb.max-retries", "0",
                "launchpilot.sandbox.simulator.enabled", "false",
                "launchpilot.actions.webhook-secrets.receiver", SECRET,
                "launchpilot.actions.webhook-timeout", "5s");
    }
}
