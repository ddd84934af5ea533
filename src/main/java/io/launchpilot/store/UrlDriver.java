package io.launchpilot.store;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver the datasource is built with: it hands each URL to the H2 or the PostgreSQL
 * driver. Quarkus fixes a datasource's driver at build time; this lets one build use the embedded H2
 * file by default and PostgreSQL when {@code quarkus.datasource.jdbc.url} says {@code jdbc:postgresql:}.
 *
 * <p>An H2 file is opened with {@code WRITE_DELAY=0} unless the URL sets it: H2 otherwise writes a commit
 * up to half a second later, and a process killed in that time loses a transaction it was told had
 * committed (the action outbox's intent, written before it acts, must survive a kill).
 */
public final class UrlDriver implements Driver {

    private static final String H2 = "jdbc:h2:";
    private static final String POSTGRESQL = "jdbc:postgresql:";
    private static final String H2_FILE = "jdbc:h2:file:";
    private static final String WRITE_DELAY = "WRITE_DELAY=";

    private final Driver h2 = new org.h2.Driver();
    private final Driver postgresql = new org.postgresql.Driver();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Driver driver = driverFor(url);
        return driver == null ? null : driver.connect(durable(url), info);
    }

    /** The URL with {@code WRITE_DELAY=0} added for an H2 file that does not set a write delay. */
    static String durable(String url) {
        if (url.startsWith(H2_FILE) && !url.toUpperCase(Locale.ROOT).contains(WRITE_DELAY)) {
            return url + ";" + WRITE_DELAY + "0";
        }
        return url;
    }

    @Override
    public boolean acceptsURL(String url) {
        return driverFor(url) != null;
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        Driver driver = driverFor(url);
        return driver == null ? new DriverPropertyInfo[0] : driver.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    /** Whether the store at this JDBC URL is PostgreSQL (else H2). */
    public static boolean postgresql(String url) {
        return url != null && url.startsWith(POSTGRESQL);
    }

    private Driver driverFor(String url) {
        if (url == null) {
            return null;
        }
        if (url.startsWith(H2)) {
            return h2;
        }
        return url.startsWith(POSTGRESQL) ? postgresql : null;
    }
}
