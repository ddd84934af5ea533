package io.launchpilot.web.auth;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The OpenAPI document's account of access control: a bearer scheme that every operation names,
 * except the webhooks, which check their own secrets (so their security list is empty). Only the
 * scheme is described, never a token; applied when the document is built.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiSecurity implements OASFilter {

    static final String BEARER = "bearer";
    private static final String WEBHOOKS = "/api/v1/webhooks/";

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(OASFactory.createComponents());
        }
        openApi.getComponents().addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("A token of launchpilot.auth.tokens.<name>.secret, needed once any token is configured. "
                        + "Role read may call GET and the read-only actions (:plan, :validate, :dry-run); "
                        + "role write may call everything."));
        openApi.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER));
        if (openApi.getPaths() != null) {
            openApi.getPaths().getPathItems().forEach((path, item) -> {
                if (path.startsWith(WEBHOOKS)) {
                    item.getOperations().values().forEach(operation -> operation.setSecurity(List.of()));
                }
            });
        }
    }
}
