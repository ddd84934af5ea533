package io.launchpilot.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Leader election on PostgreSQL: the leader is the replica whose session holds the advisory lock
 * {@code pg_try_advisory_lock(key)}. The lock lives as long as its session, so it is taken on a
 * connection of its own, opened outside the pool (which may close or hand out its connections at
 * will) and held for as long as the leadership. Every retry period the leader checks that the
 * connection still answers; when it does not, leadership is lost at once (the server drops the lock
 * with the session) and the connection is opened again to compete anew. A replica killed outright
 * loses the lock as soon as the server sees its connection close.
 */
final class AdvisoryLockElection implements LeaderElection {

    private static final Logger LOG = Logger.getLogger(AdvisoryLockElection.class);

    /** Opens the election's own connection. */
    @FunctionalInterface
    interface Connector {
        Connection connect() throws SQLException;
    }

    private final Connector connector;
    private final long key;
    private final Duration period;
    private final Duration deadline;
    private final ScheduledExecutorService executor;

    /** Touched by the election thread only. */
    private Connection connection;
    private boolean leader;
    private Listener listener;
    private boolean warned;

    AdvisoryLockElection(Connector connector, String lockName, Duration period, Duration deadline) {
        this.connector = connector;
        this.key = key(lockName);
        this.period = period;
        this.deadline = deadline;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "launchpilot-leader-election");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The lock's 64-bit key: the start of the SHA-256 of its name, so that the name is all one configures. */
    static long key(String lockName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("launchpilot:" + lockName)
                    .getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public void start(Listener listener) {
        this.listener = listener;
        try {
            // the first attempt on the caller's thread: a lone replica leads from its first moment
            executor.submit(this::check).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.errorf(e.getCause(), "leader election: the first attempt failed");
        }
        executor.scheduleWithFixedDelay(this::check, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: a follower tries to take the lock; the leader checks that its session is alive. */
    void check() {
        try {
            if (connection == null) {
                connection = open();
            }
            if (leader) {
                if (!connection.isValid(seconds(deadline))) {
                    throw new SQLException("the lock's connection does not answer within " + deadline.toSeconds() + "s");
                }
            } else if (tryLock()) {
                change(true);
            }
            if (warned) {
                LOG.info("leader election: PostgreSQL answers again");
                warned = false;
            }
        } catch (SQLException | RuntimeException e) {
            drop();
            if (leader) {
                LOG.warnf("leader election: lost the PostgreSQL lock's connection (%s); stopped acting", e.getMessage());
                change(false);
            } else if (!warned) {
                LOG.warnf("leader election: cannot reach PostgreSQL (%s); trying again every %s", e.getMessage(), period);
                warned = true;
            }
        }
    }

    private Connection open() throws SQLException {
        Connection opened = connector.connect();
        try (Statement statement = opened.createStatement()) {
            // the server, too, should notice a silent peer within about a lease, and drop its lock
            long idle = Math.max(1, deadline.toSeconds() / 2);
            statement.execute("SET tcp_keepalives_idle = " + idle);
            statement.execute("SET tcp_keepalives_interval = " + Math.max(1, idle / 3));
            statement.execute("SET tcp_keepalives_count = 3");
        } catch (SQLException e) {
            LOG.debugf("leader election: TCP keepalives not set (%s); the server's own settings apply", e.getMessage());
        }
        return opened;
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setQueryTimeout(seconds(deadline));
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Gives the lock up before the session ends: the server releases a closed session's locks only once
     * its backend has exited, a moment after close() returns, and the next replica should not wait a
     * round for that moment.
     */
    private void unlock() {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            statement.setQueryTimeout(seconds(deadline));
            statement.setLong(1, key);
            statement.execute();
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("leader election: the lock is released with the session instead (%s)", e.getMessage());
        }
    }

    private void change(boolean nowLeader) {
        leader = nowLeader;
        listener.elected(nowLeader);
    }

    private void drop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is gone either way, and with it the lock
            }
            connection = null;
        }
    }

    private static int seconds(Duration duration) {
        return (int) Math.max(1, duration.toSeconds());
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (leader) {
            unlock();
        }
        drop();
        if (leader) {
            change(false);
        }
    }
}
