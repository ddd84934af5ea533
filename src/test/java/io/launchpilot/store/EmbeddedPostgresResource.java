package io.launchpilot.store;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the datasource at a fresh database on the test JVM's PostgreSQL server, through the standard keys. */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.datasource.jdbc.url", TestDatabases.postgresUrl(),
                "quarkus.datasource.username", "postgres");
    }

    @Override
    public void stop() {
        // the server stops with the JVM; its databases go with it
    }
}
