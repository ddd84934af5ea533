package io.launchpilot.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness check {@code store}: DOWN while the store does not answer or its schema is not migrated yet. */
@Readiness
@ApplicationScoped
public class StoreHealthCheck implements HealthCheck {

    private final Store store;
    private final StoreMigration migration;
    private final String kind;

    StoreHealthCheck(Store store, StoreMigration migration,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> url) {
        this.store = store;
        this.migration = migration;
        this.kind = url.map(UrlDriver::postgresql).orElse(false) ? "postgresql" : "h2";
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("store").withData("kind", kind);
        if (!migration.done()) {
            return response.down().withData("schema", "not migrated yet").build();
        }
        return store.reachable() ? response.up().build() : response.down().withData("problem", "does not answer").build();
    }
}
