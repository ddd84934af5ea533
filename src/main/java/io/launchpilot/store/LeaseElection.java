package io.launchpilot.store;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Leader election in Kubernetes: the leader is the holder of a {@code coordination.k8s.io/v1} Lease,
 * with the rules of client-go's elector as fabric8 implements them. The holder renews the Lease every
 * retry period; when it has not managed to for {@code renew-deadline} it stops acting, before the
 * Lease (of {@code lease-duration}) expires and another replica may take it. On shutdown the Lease is
 * released, so that a rolling update hands over at once.
 */
final class LeaseElection implements LeaderElection {

    private static final Logger LOG = Logger.getLogger(LeaseElection.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String identity;
    private final LeaderConfig config;

    private volatile Listener listener;
    private volatile CompletableFuture<?> running;
    private volatile boolean closed;

    LeaseElection(KubernetesClient client, String namespace, String name, String identity, LeaderConfig config) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.identity = identity;
        this.config = config;
    }

    @Override
    public void start(Listener listener) {
        this.listener = listener;
        LOG.infof("leader election: competing for Lease %s/%s as %s", namespace, name, identity);
        run();
    }

    /** One elector runs until it loses the Lease; then a new one competes again (an elector runs once). */
    private synchronized void run() {
        if (closed) {
            return;
        }
        running = client.leaderElector().withConfig(electionConfig()).build().start();
        running.whenComplete((done, failure) -> {
            if (failure != null && !closed) {
                LOG.warnf("leader election: the Lease elector stopped (%s); competing again", failure.getMessage());
            }
            CompletableFuture.delayedExecutor(config.retryPeriod().toMillis(), TimeUnit.MILLISECONDS)
                    .execute(this::run);
        });
    }

    LeaderElectionConfig electionConfig() {
        return new LeaderElectionConfigBuilder()
                .withName(name)
                .withLock(new LeaseLock(namespace, name, identity))
                .withLeaseDuration(config.leaseDuration())
                .withRenewDeadline(config.renewDeadline())
                .withRetryPeriod(config.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> listener.elected(true),
                        () -> listener.elected(false),
                        holder -> listener.holder(holder == null || holder.isEmpty() ? null : holder)))
                .build();
    }

    @Override
    public synchronized void close() {
        closed = true;
        CompletableFuture<?> current = running;
        if (current != null) {
            // cancelling releases the Lease when this replica holds it
            current.cancel(true);
        }
    }
}
