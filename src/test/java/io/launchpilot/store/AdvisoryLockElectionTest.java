package io.launchpilot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL advisory lock election against a real server: one of two replicas leads; a leader
 * whose session dies stops at its next check and the other takes over; closing gives the lock up.
 * Rounds are run by hand ({@link AdvisoryLockElection#check()}), the schedule is an hour.
 */
class AdvisoryLockElectionTest {

    final String url = TestDatabases.postgresUrl();
    final Candidate a = new Candidate("replica-a");
    final Candidate b = new Candidate("replica-b");

    @AfterEach
    void close() {
        a.election.close();
        b.election.close();
    }

    @Test
    void oneLeadsAndTheOtherTakesOverWhenItsSessionDies() throws SQLException {
        a.election.start(a);
        b.election.start(b);
        assertEquals(List.of(true), a.changes, "the first replica takes the lock at start");
        assertEquals(List.of(), b.changes, "the second one waits");

        b.election.check();
        assertEquals(List.of(), b.changes);

        terminateSessionOf("replica-a");
        a.election.check();
        assertEquals(List.of(true, false), a.changes, "a lost connection is lost leadership");
        b.election.check();
        assertEquals(List.of(true), b.changes, "the server dropped the lock with the session");

        a.election.check();
        assertEquals(List.of(true, false), a.changes, "the old leader reconnects as a follower");

        b.election.close();
        assertEquals(List.of(true, false), b.changes, "closing gives leadership up");
        a.election.check();
        assertEquals(List.of(true, false, true), a.changes);
    }

    private void terminateSessionOf(String name) throws SQLException {
        try (Connection admin = new Candidate("admin").connect();
                PreparedStatement statement = admin.prepareStatement(
                        // waits (up to 5 s) until the backend has exited, and with it released its locks
                        "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = ?")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                assertEquals(true, rs.next() && rs.getBoolean(1), "terminated the session of " + name);
            }
        }
    }

    final class Candidate implements LeaderElection.Listener {
        final String name;
        final List<Boolean> changes = new CopyOnWriteArrayList<>();
        final AdvisoryLockElection election;

        Candidate(String name) {
            this.name = name;
            this.election = new AdvisoryLockElection(this::connect, "test-lock", Duration.ofHours(1),
                    Duration.ofSeconds(5));
        }

        Connection connect() throws SQLException {
            Properties login = new Properties();
            login.setProperty("user", "postgres");
            login.setProperty("ApplicationName", name);
            return new UrlDriver().connect(url, login);
        }

        @Override
        public void elected(boolean leader) {
            changes.add(leader);
        }
    }
}
