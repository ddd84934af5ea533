package io.launchpilot.store;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.launchpilot.metrics.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Whether this process is the one replica that acts: runs watchers, cron triggers, queue
 * reconciliation and the action outbox. Every replica serves REST, MCP and webhooks.
 *
 * <p>The leader is elected as {@link LeaderConfig#mode()} says: a Kubernetes Lease, a PostgreSQL
 * advisory lock, or none at all for a single process (the embedded H2 store admits only one process,
 * which is then always the leader). Only a serving process competes; one-shot commands never lead.
 * Every change is logged and fired as a {@link LeadershipChanged} CDI event.
 */
@ApplicationScoped
public class Leadership {

    private static final Logger LOG = Logger.getLogger(Leadership.class);

    /** What the status endpoint and the readiness check show. */
    public record State(boolean leader, String instanceId, String mode, Instant since, String holder) {
    }

    private final LeaderConfig config;
    private final Clock clock;
    private final Event<LeadershipChanged> changes;
    private final MeterRegistry meters;
    private final Instance<KubernetesClient> kubernetes;
    private final String instanceId;
    private final String storeUrl;
    private final Optional<String> storeUser;
    private final Optional<String> storePassword;
    private final boolean serving;

    private volatile LeaderMode mode;
    private volatile boolean leader;
    private volatile Instant since;
    private volatile String holder;
    private LeaderElection election;

    /**
     * A process on its own, always the leader, that never competes: what jobs see in tests that build
     * them by hand.
     */
    public Leadership() {
        this.config = null;
        this.clock = null;
        this.changes = null;
        this.meters = null;
        this.kubernetes = null;
        this.storeUrl = null;
        this.storeUser = Optional.empty();
        this.storePassword = Optional.empty();
        this.serving = false;
        this.instanceId = instanceId(Optional.empty(), Map.of(), UUID.randomUUID().toString());
        this.mode = LeaderMode.SINGLE;
        this.leader = true;
    }

    @Inject
    Leadership(LeaderConfig config, Clock clock, Event<LeadershipChanged> changes, MeterRegistry meters,
            Instance<KubernetesClient> kubernetes,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> storeUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> storeUser,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> storePassword,
            @ConfigProperty(name = "launchpilot.run-mode") Optional<String> runMode) {
        this.config = config;
        this.clock = clock;
        this.changes = changes;
        this.meters = meters;
        this.kubernetes = kubernetes;
        this.storeUrl = storeUrl.orElse(null);
        this.storeUser = storeUser;
        this.storePassword = storePassword;
        this.serving = StoreMigration.usesStore(runMode);
        this.instanceId = instanceId(config.instanceId(), System.getenv(), UUID.randomUUID().toString());
    }

    /**
     * This replica's name: {@code launchpilot.leader.instance-id}, else {@code POD_NAME}, else in a pod
     * {@code HOSTNAME} (the pod's name), else the host name with a random suffix, since processes on
     * one machine share it.
     */
    static String instanceId(Optional<String> configured, Map<String, String> env, String random) {
        Optional<String> explicit = configured.map(String::strip).filter(id -> !id.isEmpty());
        if (explicit.isPresent()) {
            return explicit.get();
        }
        String pod = env.get("POD_NAME");
        if (pod != null && !pod.isBlank()) {
            return pod.strip();
        }
        String host = env.get("HOSTNAME");
        boolean hasHost = host != null && !host.isBlank();
        if (hasHost && inKubernetes(env)) {
            return host.strip();
        }
        return (hasHost ? host.strip() : "launchpilot") + "-" + random.replace("-", "").substring(0, 8);
    }

    static boolean inKubernetes(Map<String, String> env) {
        String host = env.get("KUBERNETES_SERVICE_HOST");
        return host != null && !host.isBlank();
    }

    /** Competes for leadership in a serving process, before the jobs that ask for it are scheduled. */
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 10) StartupEvent start) {
        if (!serving) {
            return;
        }
        mode = config.mode().resolve(inKubernetes(System.getenv()), storeUrl);
        Gauge.builder(MetricNames.LEADER, this, leadership -> leadership.leader ? 1 : 0)
                .description("1 while this replica is the leader")
                .tag(MetricNames.MODE, mode.label()).register(meters);
        if (mode == LeaderMode.SINGLE) {
            LOG.infof("leader election: none (a single process); %s is the leader", instanceId);
            elected(true);
            return;
        }
        checkTimes(config);
        election = switch (mode) {
            case KUBERNETES -> new LeaseElection(kubernetes.get(), leaseNamespace(), config.leaseName(), instanceId,
                    config);
            case POSTGRESQL -> {
                LOG.infof("leader election: competing for the PostgreSQL advisory lock '%s' as %s",
                        config.leaseName(), instanceId);
                yield new AdvisoryLockElection(this::connect, config.leaseName(), config.retryPeriod(),
                        config.renewDeadline());
            }
            default -> throw new IllegalStateException("unresolved leader mode " + mode);
        };
        election.start(new LeaderElection.Listener() {
            @Override
            public void elected(boolean nowLeader) {
                Leadership.this.elected(nowLeader);
            }

            @Override
            public void holder(String identity) {
                holder = identity;
            }
        });
    }

    /** Gives leadership up on shutdown, so that another replica takes over without waiting for a lease to expire. */
    void stop(@Observes ShutdownEvent stop) {
        if (election != null) {
            election.close();
        }
    }

    /** Election order: retry-period &lt; renew-deadline &lt; lease-duration, or a leader could outlive its lease. */
    static void checkTimes(LeaderConfig config) {
        Duration lease = config.leaseDuration();
        Duration deadline = config.renewDeadline();
        Duration retry = config.retryPeriod();
        if (retry.isZero() || retry.isNegative() || retry.compareTo(deadline) >= 0 || deadline.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("launchpilot.leader needs 0 < retry-period < renew-deadline < "
                    + "lease-duration; got " + retry + ", " + deadline + ", " + lease);
        }
    }

    private String leaseNamespace() {
        return config.leaseNamespace().or(() -> Optional.ofNullable(kubernetes.get().getNamespace()))
                .orElseThrow(() -> new IllegalStateException("leader election: the pod's namespace is unknown; "
                        + "set launchpilot.leader.lease-namespace"));
    }

    /** The lock's own connection, outside the pool, with the store's URL and login. */
    private Connection connect() throws java.sql.SQLException {
        Properties login = new Properties();
        storeUser.ifPresent(user -> login.setProperty("user", user));
        storePassword.ifPresent(password -> login.setProperty("password", password));
        login.setProperty("ApplicationName", "launchpilot leader election " + instanceId);
        login.setProperty("connectTimeout", String.valueOf(Math.max(1, config.renewDeadline().toSeconds())));
        login.setProperty("tcpKeepAlive", "true");
        return new UrlDriver().connect(storeUrl, login);
    }

    private synchronized void elected(boolean nowLeader) {
        if (leader == nowLeader && since != null) {
            return;
        }
        leader = nowLeader;
        since = clock.instant();
        if (nowLeader) {
            holder = instanceId;
        }
        if (mode != LeaderMode.SINGLE) {
            LOG.infof(nowLeader ? "leader election: %s is the leader now (%s)"
                    : "leader election: %s is no longer the leader (%s); background work stops", instanceId, mode.label());
        }
        try {
            changes.fire(new LeadershipChanged(nowLeader, instanceId, mode, since));
        } catch (RuntimeException e) {
            LOG.errorf(e, "leader election: an observer of the change failed");
        }
    }

    /** True while this process holds leadership; jobs check it at the start of every run. */
    public boolean isLeader() {
        return leader;
    }

    /** A name for this process, unique among replicas, shown in status and logs. */
    public String instanceId() {
        return instanceId;
    }

    /** Leadership as the status endpoint and the readiness check show it. */
    public State state() {
        LeaderMode current = mode;
        return new State(leader, instanceId, current == null ? "none" : current.label(), since, holder);
    }
}
