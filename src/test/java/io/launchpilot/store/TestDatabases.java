package io.launchpilot.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** Real databases for the store's tests: H2 in memory, and one PostgreSQL server (zonky) per test JVM. */
public final class TestDatabases {

    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /** A new, empty H2 database in memory. */
    public static DataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    /** The PostgreSQL server of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedPostgres postgresServer() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            EmbeddedPostgres server = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away anyway
                }
            }));
        }
        return postgres;
    }

    /** A new, empty database on the PostgreSQL server. */
    public static DataSource postgres() {
        return postgresServer().getDatabase("postgres", newPostgresDatabase());
    }

    /** The JDBC URL of a new, empty database on the PostgreSQL server (user {@code postgres}, no password). */
    public static String postgresUrl() {
        return postgresServer().getJdbcUrl("postgres", newPostgresDatabase());
    }

    private static String newPostgresDatabase() {
        String name = "t" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = postgresServer().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database", e);
        }
        return name;
    }

    /** The data source with the store's schema, migrated by the application's own migrations. */
    public static DataSource migrated(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }
}
