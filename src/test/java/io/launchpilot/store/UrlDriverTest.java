package io.launchpilot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class UrlDriverTest {

    private final UrlDriver driver = new UrlDriver();

    @Test
    void acceptsH2AndPostgresqlUrlsOnly() throws Exception {
        assertTrue(driver.acceptsURL("jdbc:h2:file:./data/launchpilot"));
        assertTrue(driver.acceptsURL("jdbc:postgresql://db:5432/launchpilot"));
        assertFalse(driver.acceptsURL("jdbc:mysql://db/launchpilot"));
        assertNull(driver.connect("jdbc:mysql://db/launchpilot", new Properties()));
    }

    @Test
    void anH2FileWritesEveryCommitAtOnceUnlessTheUrlSaysOtherwise() {
        assertEquals("jdbc:h2:file:./data/lp;WRITE_DELAY=0", UrlDriver.durable("jdbc:h2:file:./data/lp"));
        assertEquals("jdbc:h2:file:./data/lp;write_delay=100", UrlDriver.durable("jdbc:h2:file:./data/lp;write_delay=100"));
        assertEquals("jdbc:h2:mem:x", UrlDriver.durable("jdbc:h2:mem:x"));
        assertEquals("jdbc:postgresql://db/lp", UrlDriver.durable("jdbc:postgresql://db/lp"));
    }

    @Test
    void connectsThroughTheDriverTheUrlNames() throws Exception {
        try (Connection h2 = driver.connect("jdbc:h2:mem:url-driver", new Properties())) {
            assertTrue(h2.getMetaData().getDatabaseProductName().contains("H2"));
        }
        String url = TestDatabases.postgresServer().getJdbcUrl("postgres", "postgres");
        Properties user = new Properties();
        user.setProperty("user", "postgres");
        try (Connection postgres = driver.connect(url, user)) {
            assertTrue(postgres.getMetaData().getDatabaseProductName().contains("PostgreSQL"));
        }
    }
}
