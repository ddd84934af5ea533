package io.launchpilot.store;

import io.launchpilot.RunMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Brings the store's schema up to date when the service starts. Only a serving process touches the
 * store: one-shot commands and the standalone sandbox never open it, so they can run beside a
 * {@code serve} that holds the embedded H2 file.
 */
@ApplicationScoped
public class StoreMigration {

    private static final Logger LOG = Logger.getLogger(StoreMigration.class);

    private volatile boolean done;

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start, Instance<Flyway> flyway,
            @ConfigProperty(name = "launchpilot.run-mode") Optional<String> runMode) {
        if (!usesStore(runMode)) {
            return;
        }
        var result = flyway.get().migrate();
        LOG.debugf("store schema at version %s (%d migrations applied)", result.targetSchemaVersion,
                result.migrationsExecuted);
        done = true;
    }

    /**
     * Whether the schema is up to date. Scheduled jobs start with the application, possibly before
     * the migration has run: they wait for this.
     */
    public boolean done() {
        return done;
    }

    /** {@code serve}, or no mode at all (tests, dev mode). */
    public static boolean usesStore(Optional<String> runMode) {
        return RunMode.configured(runMode) == RunMode.SERVE;
    }
}
