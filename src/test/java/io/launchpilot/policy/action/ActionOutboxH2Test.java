package io.launchpilot.policy.action;

import io.launchpilot.store.TestDatabases;
import javax.sql.DataSource;

/** The outbox on H2, the embedded default. */
class ActionOutboxH2Test extends ActionOutboxContract {

    @Override
    DataSource newDatabase() {
        return TestDatabases.h2();
    }
}
