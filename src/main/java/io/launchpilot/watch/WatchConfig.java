package io.launchpilot.watch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the watcher follows and how often it asks W&B ({@code launchpilot.watch.*}). It runs in
 * {@code serve} only, and is idle while no scope is configured.
 */
@ConfigMapping(prefix = "launchpilot.watch")
public interface WatchConfig {

    /** Whether {@code serve} polls W&B on its own schedule. Default true. */
    @WithDefault("true")
    boolean enabled();

    /** Time between two polls of all scopes. Default 30s. */
    @WithDefault("30s")
    Duration interval();

    /** The projects to watch, one entry each. Default: none (the watcher is idle). */
    Optional<List<Scope>> scopes();

    /**
     * How far behind the newest heartbeat a poll reads again, for writes W&B makes visible late and
     * for changes within the same second (W&B's times have second precision); also how long after a
     * change the window stays open. Default 10s.
     */
    @WithDefault("10s")
    Duration overlap();

    /** Most runs (or sweeps, or queue items) asked for per read. Default 100. */
    @WithDefault("100")
    int pageSize();

    /** The longest the watcher stretches its interval to while W&B answers 429. Default 10m. */
    @WithDefault("10m")
    Duration maxBackoff();

    /**
     * The readiness check reports the watcher as stuck when a poll runs longer than this, or when no
     * poll has finished for this long beyond the (stretched) interval. Default 5m.
     */
    @WithDefault("5m")
    Duration stuckAfter();

    /** One watched project. */
    interface Scope {

        /** The entity (user or team). Required. */
        String entity();

        /** The project. Required. */
        String project();

        /**
         * Which runs to watch, as a W&B run filter (MongoDB-style JSON), e.g.
         * {@code {"state": {"$ne": "killed"}}}. Default: all runs.
         */
        Optional<String> filter();

        /** Sweeps of the project to follow, by name, or {@code *} for all. Default: none. */
        Optional<List<String>> sweeps();

        /** Run queues of the entity to follow, by name. Default: none. */
        Optional<List<String>> queues();
    }
}
