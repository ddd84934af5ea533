package io.launchpilot.web.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * Access control of the REST API and the MCP endpoint ({@code launchpilot.auth.*}). With no token
 * configured both are open to anyone who reaches the port.
 */
@ConfigMapping(prefix = "launchpilot.auth")
public interface AuthConfig {

    /**
     * Bearer tokens by name ({@code launchpilot.auth.tokens.<name>.secret} and {@code .role}). The name
     * only appears in logs; callers send the secret as {@code Authorization: Bearer <secret>}.
     */
    Map<String, Token> tokens();

    /** One bearer token. */
    interface Token {

        /** The token itself; give it from a Kubernetes Secret or an environment variable, never from a committed file. */
        String secret();

        /** {@code read} (GET and read-only actions) or {@code write} (everything). Default read. */
        @WithDefault("read")
        Role role();
    }
}
