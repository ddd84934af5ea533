package io.launchpilot.web;

import io.launchpilot.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Everything secured: the W&B webhook with both a signing secret and an access token, two generic
 * webhooks, and a read and a write API token; time on a clock the tests move.
 */
public class SecuredProfile implements QuarkusTestProfile {

    public static final String WANDB_SECRET = "wandb-signing-secret-7f3a0c";
    public static final String WANDB_TOKEN = "wandb-access-token-91c2e4";
    public static final String CI_SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("ci-signing-secret-5d1b".getBytes(StandardCharsets.UTF_8));
    public static final String DEPLOY_SECRET = "deploy-plain-secret-2a9f";
    public static final String READ_TOKEN = "reader-token-3c7e51";
    public static final String WRITE_TOKEN = "writer-token-8b02d6";

    /** Every secret of this profile, none of which may ever show in a log or an answer. */
    public static final Set<String> SECRETS = Set.of(WANDB_SECRET, WANDB_TOKEN, CI_SECRET, DEPLOY_SECRET,
            READ_TOKEN, WRITE_TOKEN);

    public static final MutableClock CLOCK = new MutableClock(Instant.parse("2031-03-01T12:00:00Z"));

    /** The application's clock in this profile (selected by the profile only: no @Priority, which would select it everywhere). */
    @Alternative
    public static class ClockProducer {

        @Produces
        @Singleton
        Clock clock() {
            return CLOCK;
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "launchpilot.webhooks.wandb.secret", WANDB_SECRET,
                "launchpilot.webhooks.wandb.access-token", WANDB_TOKEN,
                "launchpilot.webhooks.generic.ci.secret", CI_SECRET,
                "launchpilot.webhooks.generic.deploy.secret", DEPLOY_SECRET,
                "launchpilot.webhooks.generic.deploy.event-type-field", "data.kind",
                "launchpilot.auth.tokens.reader.secret", READ_TOKEN,
                "launchpilot.auth.tokens.reader.role", "read",
                "launchpilot.auth.tokens.writer.secret", WRITE_TOKEN,
                "launchpilot.auth.tokens.writer.role", "write",
                // every debug line too, for the tests that look for secrets in the log
                "quarkus.log.category.\"io.launchpilot\".level", "DEBUG");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(ClockProducer.class);
    }
}
