package io.launchpilot.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens as the Kubernetes overlay gives them: names and roles in the settings file, secrets from the environment. */
class AuthConfigTest {

    static AuthConfig config(Map<String, String> environment, Map<String, String> settings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300), new PropertiesConfigSource(settings, "settings", 250))
                .withMapping(AuthConfig.class)
                .build();
        return config.getConfigMapping(AuthConfig.class);
    }

    @Test
    void secretFromTheEnvironmentRoleFromTheSettings() {
        AuthConfig auth = config(Map.of("LAUNCHPILOT_AUTH_TOKENS_ADMIN_SECRET", "s1", "LAUNCHPILOT_AUTH_TOKENS_VIEWER_SECRET", "s2"),
                Map.of("launchpilot.auth.tokens.admin.role", "write", "launchpilot.auth.tokens.viewer.role", "read"));
        assertEquals("s1", auth.tokens().get("admin").secret());
        assertEquals(Role.WRITE, auth.tokens().get("admin").role());
        assertEquals(Role.READ, auth.tokens().get("viewer").role());
    }

    @Test
    void theRoleDefaultsToRead() {
        AuthConfig auth = config(Map.of(), Map.of("launchpilot.auth.tokens.ci.secret", "s3"));
        assertEquals(Role.READ, auth.tokens().get("ci").role());
    }
}
