package io.launchpilot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes Lease election against fabric8's mock API server in CRUD mode (in process, no
 * cluster): it stores the Lease as an API server would, so two electors really compete for it.
 */
@EnableKubernetesMockClient(crud = true)
class LeaseElectionTest {

    static final String NAMESPACE = "launchpilot";
    static final LeaderConfig TIMES = LeaderModeTest.times(Duration.ofSeconds(4), Duration.ofSeconds(3),
            Duration.ofMillis(300));

    static KubernetesClient client;

    final Candidate a = new Candidate("pod-a");
    final Candidate b = new Candidate("pod-b");

    @AfterEach
    void close() {
        a.election.close();
        b.election.close();
    }

    @Test
    void oneHoldsTheLeaseAndTheOtherTakesItWhenReleased() throws InterruptedException {
        a.election.start(a);
        await(() -> a.leading(), "pod-a leads");
        b.election.start(b);
        await(() -> "pod-a".equals(b.holder), "pod-b sees pod-a holding the Lease");
        assertEquals(List.of(), b.changes, "pod-b waits while the Lease is held");
        assertEquals("pod-a", lease().getSpec().getHolderIdentity());
        assertEquals(4, lease().getSpec().getLeaseDurationSeconds());

        a.election.close();
        await(() -> b.leading(), "pod-b takes over");
        assertEquals(List.of(true, false), a.changes.subList(0, 2), "pod-a stopped leading when it closed");
        assertEquals("pod-b", lease().getSpec().getHolderIdentity());
        assertTrue(lease().getSpec().getLeaseTransitions() >= 1);
    }

    private static Lease lease() {
        return client.leases().inNamespace(NAMESPACE).withName("launchpilot-leader").get();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    static final class Candidate implements LeaderElection.Listener {
        final List<Boolean> changes = new CopyOnWriteArrayList<>();
        final LeaseElection election;
        volatile String holder;

        Candidate(String identity) {
            this.election = new LeaseElection(client, NAMESPACE, "launchpilot-leader", identity, TIMES);
        }

        boolean leading() {
            return !changes.isEmpty() && changes.get(changes.size() - 1);
        }

        @Override
        public void elected(boolean leader) {
            changes.add(leader);
        }

        @Override
        public void holder(String identity) {
            holder = identity;
        }
    }
}
