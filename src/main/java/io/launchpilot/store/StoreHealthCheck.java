package io.launchpilot.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code store}: DOWN while the store does not answer or its schema is not migrated yet;
 * UP with {@code used: false} in modes that never open it (the standalone sandbox).
 */
@Readiness
@ApplicationScoped
public class StoreHealthCheck implements HealthCheck {

    private final Store store;
    private final StoreMigration migration;
    private final String kind;
    private final boolean used;

    StoreHealthCheck(Store store, StoreMigration migration,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> url,
            @ConfigProperty(name = "launchpilot.run-mode") Optional<String> runMode) {
        this.store = store;
        this.migration = migration;
        this.kind = url.map(UrlDriver::postgresql).orElse(false) ? "postgresql" : "h2";
        this.used = StoreMigration.usesStore(runMode);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("store").withData("kind", kind);
        if (!used) {
            return response.up().withData("used", false).build();
        }
        if (!migration.done()) {
            return response.down().withData("schema", "not migrated yet").build();
        }
        return store.reachable() ? response.up().build() : response.down().withData("problem", "does not answer").build();
    }
}
