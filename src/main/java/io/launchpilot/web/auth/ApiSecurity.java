package io.launchpilot.web.auth;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The OpenAPI document's account of access control: every operation takes a bearer token (when any
 * is configured, see {@code launchpilot.auth.tokens}); the webhooks declare their own scheme-less checks.
 * Only the scheme is described, never a token.
 */
@OpenAPIDefinition(info = @Info(title = "Launchpilot", version = "v1",
        description = "W&B Launch queues, sweeps, events and policies"),
        security = @SecurityRequirement(name = ApiSecurity.BEARER))
@SecurityScheme(securitySchemeName = ApiSecurity.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A token of launchpilot.auth.tokens.<name>.secret; role read may only read, role write may also change things")
public final class ApiSecurity {

    static final String BEARER = "bearer";

    private ApiSecurity() {
    }
}
