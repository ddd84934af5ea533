package io.launchpilot.store;

import javax.sql.DataSource;

/** The store on H2, the embedded default. */
class H2StoreTest extends StoreContract {

    @Override
    DataSource newDatabase() {
        return TestDatabases.h2();
    }
}
