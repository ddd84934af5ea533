package io.launchpilot.metrics;

/**
 * The name of every Micrometer meter Launchpilot registers, and of their tags, in one place: the
 * README's metrics table, the Grafana dashboard in {@code kubernetes/grafana/} and alert rules
 * depend on them. Prometheus shows {@code launchpilot.wandb.requests} as
 * {@code launchpilot_wandb_requests_total}, and a meter in seconds with a {@code _seconds} suffix.
 */
public final class MetricNames {

    /** Counter: GraphQL requests to W&B (after their retries), by {@link #OPERATION} and {@link #OUTCOME}. */
    public static final String WANDB_REQUESTS = "launchpilot.wandb.requests";
    /** Counter: HTTP 429 answers from W&B (each attempt counts), by {@link #OPERATION}. */
    public static final String WANDB_RATE_LIMITED = "launchpilot.wandb.rate_limited";

    /** Timer: time one poll of all watched scopes took, by {@link #OUTCOME} ({@code ok}, {@code partial}, {@code failed}). */
    public static final String WATCH_CYCLE = "launchpilot.watch.cycle";
    /** Counter: events the watcher appended to the ledger, by {@link #TYPE}. */
    public static final String WATCH_EVENTS = "launchpilot.watch.events";
    /** Counter: polls during which W&B answered 429. */
    public static final String WATCH_RATE_LIMITED = "launchpilot.watch.rate_limited";
    /** Gauge: the poll interval in seconds, as stretched by 429s. */
    public static final String WATCH_INTERVAL = "launchpilot.watch.interval";
    /** Gauge: watched scopes whose last poll failed. */
    public static final String WATCH_FAILING_SCOPES = "launchpilot.watch.failing_scopes";

    /** Gauge: pending items of a watched run queue, by {@link #QUEUE}. */
    public static final String QUEUE_DEPTH = "launchpilot.queue.depth";
    /** Gauge: age in seconds of the oldest pending item of a watched run queue (0 when none), by {@link #QUEUE}. */
    public static final String QUEUE_OLDEST_PENDING = "launchpilot.queue.oldest_pending";

    /** Gauge: 1 while this replica is the leader, else 0, by {@link #MODE}. */
    public static final String LEADER = "launchpilot.leader";

    /** Timer: evaluating one trigger of one policy against one event, by {@code trigger} (kind). */
    public static final String POLICY_EVALUATION = "launchpilot.policy.evaluation";
    /** Counter: firings, by {@code policy}, {@code trigger} (kind) and {@link #OUTCOME}. */
    public static final String POLICY_FIRINGS = "launchpilot.policy.firings";
    /** Counter: cron ticks not fired, by {@code policy} and {@code reason} ({@code deadline}, {@code forbid}). */
    public static final String POLICY_TICKS_SKIPPED = "launchpilot.policy.ticks.skipped";
    /** Counter: action attempts, by {@link #TYPE} and {@link #OUTCOME}. */
    public static final String ACTIONS = "launchpilot.actions";
    /** Timer: from a firing to its action done, by {@link #TYPE}. */
    public static final String ACTIONS_LATENCY = "launchpilot.actions.latency";
    /** Gauge: actions in the outbox that are unfinished or stuck, by {@code state}. */
    public static final String OUTBOX_DEPTH = "launchpilot.outbox.depth";

    public static final String OPERATION = "operation";
    public static final String OUTCOME = "outcome";
    public static final String TYPE = "type";
    public static final String QUEUE = "queue";
    public static final String MODE = "mode";

    private MetricNames() {
    }
}
