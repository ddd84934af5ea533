package io.launchpilot.policy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Deployment settings of the policy engine ({@code launchpilot.policies.*}). The policies themselves
 * are user files under {@code <launchpilot.config-dir>/policies/}, read by {@link PolicyLoader}.
 */
@ConfigMapping(prefix = "launchpilot.policies")
public interface PoliciesConfig {

    /**
     * How often {@code serve} reads new ledger events, checks cron ticks and pending {@code for:}
     * conditions, and looks for changed policy files: a duration such as {@code 2s}, or {@code off}.
     * Default {@code 2s}.
     */
    @WithDefault("2s")
    String interval();

    /** Ledger events read per page; a round reads several pages while there is a backlog. Default {@code 200}. */
    @WithDefault("200")
    int batchSize();

    /** At most this many runs are subjects of one cron tick of a scoped schedule trigger. Default {@code 100}. */
    @WithDefault("100")
    int scheduleRunLimit();
}
