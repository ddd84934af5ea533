package io.launchpilot.watch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.launchpilot.store.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** Every watcher test again, with the store on PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class WatchServicePostgresTest extends WatchServiceTest {

    @Test
    void theStoreIsPostgresql() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertTrue(connection.getMetaData().getDatabaseProductName().contains("PostgreSQL"));
        }
    }
}
