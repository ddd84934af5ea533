package io.launchpilot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the leader election is chosen, and what this replica is called in it. */
class LeaderModeTest {

    static final String H2 = "jdbc:h2:file:./data/launchpilot";
    static final String POSTGRESQL = "jdbc:postgresql://db:5432/launchpilot";

    @Test
    void autoTakesTheLeaseInAPodThenTheAdvisoryLockThenASingleProcess() {
        assertEquals(LeaderMode.KUBERNETES, LeaderMode.AUTO.resolve(true, POSTGRESQL));
        assertEquals(LeaderMode.KUBERNETES, LeaderMode.AUTO.resolve(true, H2));
        assertEquals(LeaderMode.POSTGRESQL, LeaderMode.AUTO.resolve(false, POSTGRESQL));
        assertEquals(LeaderMode.SINGLE, LeaderMode.AUTO.resolve(false, H2));
        assertEquals(LeaderMode.SINGLE, LeaderMode.AUTO.resolve(false, null));
    }

    @Test
    void anExplicitModeIsKeptWhereverItRuns() {
        assertEquals(LeaderMode.SINGLE, LeaderMode.SINGLE.resolve(true, POSTGRESQL));
        assertEquals(LeaderMode.KUBERNETES, LeaderMode.KUBERNETES.resolve(false, H2));
        assertEquals(LeaderMode.POSTGRESQL, LeaderMode.POSTGRESQL.resolve(true, POSTGRESQL));
    }

    @Test
    void postgresqlWithoutAPostgresqlStoreStopsStartUpWithoutShowingTheUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LeaderMode.POSTGRESQL.resolve(false, "jdbc:h2:file:/secret/path;PASSWORD=hunter2"));
        assertEquals("launchpilot.leader.mode=postgresql needs a PostgreSQL store "
                + "(quarkus.datasource.jdbc.url=jdbc:postgresql://...); the store is H2", e.getMessage());
    }

    @Test
    void theInstanceIdIsThePodsNameOrAUniqueNameOnTheHost() {
        String random = "0123abcd-ffff-eeee-dddd-cccccccccccc";
        assertEquals("configured", Leadership.instanceId(Optional.of(" configured "), Map.of("POD_NAME", "pod-1"), random));
        assertEquals("pod-1", Leadership.instanceId(Optional.empty(), Map.of("POD_NAME", "pod-1", "HOSTNAME", "h"), random));
        assertEquals("pod-2", Leadership.instanceId(Optional.empty(),
                Map.of("HOSTNAME", "pod-2", "KUBERNETES_SERVICE_HOST", "10.0.0.1"), random));
        // two processes on one machine share HOSTNAME: a random suffix keeps them apart
        assertEquals("laptop-0123abcd", Leadership.instanceId(Optional.empty(), Map.of("HOSTNAME", "laptop"), random));
        assertEquals("launchpilot-0123abcd", Leadership.instanceId(Optional.of(""), Map.of(), random));
    }

    @Test
    void theTimesMustLetALeaderStopBeforeItsLeaseExpires() {
        Leadership.checkTimes(times(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2)));
        for (LeaderConfig wrong : new LeaderConfig[] {
                times(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2)),
                times(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(10)),
                times(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ZERO)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Leadership.checkTimes(wrong));
            assertTrue(e.getMessage().startsWith("launchpilot.leader needs 0 < retry-period < renew-deadline < "
                    + "lease-duration; got "), e.getMessage());
        }
    }

    @Test
    void theAdvisoryLockKeyFollowsTheLockName() {
        assertEquals(AdvisoryLockElection.key("launchpilot-leader"), AdvisoryLockElection.key("launchpilot-leader"));
        assertNotEquals(AdvisoryLockElection.key("launchpilot-leader"), AdvisoryLockElection.key("other-install"));
    }

    @Test
    void aProcessBuiltByHandLeadsAlone() {
        Leadership alone = new Leadership();
        assertTrue(alone.isLeader());
        assertEquals("single", alone.state().mode());
        assertFalse(alone.instanceId().isBlank());
    }

    static LeaderConfig times(Duration lease, Duration renewDeadline, Duration retry) {
        return new LeaderConfig() {
            @Override
            public LeaderMode mode() {
                return LeaderMode.AUTO;
            }

            @Override
            public Optional<String> instanceId() {
                return Optional.empty();
            }

            @Override
            public String leaseName() {
                return "launchpilot-leader";
            }

            @Override
            public Optional<String> leaseNamespace() {
                return Optional.empty();
            }

            @Override
            public Duration leaseDuration() {
                return lease;
            }

            @Override
            public Duration renewDeadline() {
                return renewDeadline;
            }

            @Override
            public Duration retryPeriod() {
                return retry;
            }
        };
    }
}
