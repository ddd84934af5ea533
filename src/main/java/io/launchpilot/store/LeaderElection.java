package io.launchpilot.store;

/**
 * One way of electing the leader among replicas. It runs on a thread of its own and reports every
 * change to its listener; {@link #close()} gives leadership up (a Lease is released, a lock's
 * connection closed) so that another replica can take over at once.
 */
interface LeaderElection extends AutoCloseable {

    /** Hears the outcome of the election. Called from the election's own thread. */
    interface Listener {

        /** This process became the leader ({@code true}) or stopped being it. */
        void elected(boolean leader);

        /** The identity of the current holder, when the election can see it; {@code null} when none holds it. */
        default void holder(String identity) {
        }
    }

    /** Starts competing; a first attempt may already have made this process the leader on return. */
    void start(Listener listener);

    @Override
    void close();
}
