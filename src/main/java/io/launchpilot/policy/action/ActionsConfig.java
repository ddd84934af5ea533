package io.launchpilot.policy.action;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** How the action outbox runs policy actions ({@code launchpilot.actions.*}). */
@ConfigMapping(prefix = "launchpilot.actions")
public interface ActionsConfig {

    /** Whether the leader runs queued actions in the background. Tests switch it off and run them by hand. Default true. */
    @WithDefault("true")
    boolean executor();

    /** How often the executor looks for due actions when nothing wakes it earlier. Default 1s. */
    @WithDefault("1s")
    Duration pollInterval();

    /** At most this many actions are read per look. Default 50. */
    @WithDefault("50")
    int batchSize();

    /**
     * How many actions of one look run at the same time. Actions on the same run, the same sweep, or the
     * same firing subject never do (a tag added is a read of the run's tags and a write of all of them), and
     * every {@code applyQueue} runs alone. Default 4; 1 runs them one after another.
     */
    @WithDefault("4")
    int concurrency();

    /** Attempts before a failing action is dead-lettered ({@code dead}). Default 5. */
    @WithDefault("5")
    int maxAttempts();

    /** The wait after the first failed attempt; it doubles with every further one (with jitter). Default 5s. */
    @WithDefault("5s")
    Duration minBackoff();

    /** The longest wait between two attempts. Default 5m. */
    @WithDefault("5m")
    Duration maxBackoff();

    /** How long an outbound {@code webhook} action waits for the receiver's answer. Default 10s. */
    @WithDefault("10s")
    Duration webhookTimeout();

    /**
     * Secrets that sign outbound webhooks, by the name a policy's {@code webhook} action gives in
     * {@code secret} ({@code launchpilot.actions.webhook-secrets.<name>}); a policy never holds the value.
     */
    Map<String, String> webhookSecrets();

    /**
     * Test hook for the crash test, never for production: every action the executor starts afresh (not
     * one an earlier attempt started) is left at this point, {@code before-effect} (intent recorded,
     * nothing sent) or {@code after-effect} (sent, outcome not recorded), and after that pass the JVM
     * halts ({@code Runtime.halt}), so the store holds what a crash at that point leaves. Unset by default.
     */
    Optional<CrashPoint> crashAt();

    /** Where {@link #crashAt()} halts the process. */
    enum CrashPoint {
        BEFORE_EFFECT, AFTER_EFFECT
    }
}
