package io.launchpilot.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of the state store ({@code launchpilot.store.*}). Where the store lives is the standard
 * {@code quarkus.datasource.jdbc.url} (with {@code username} and {@code password}): an H2 file under
 * {@code ./data} by default, or {@code jdbc:postgresql://...}.
 */
@ConfigMapping(prefix = "launchpilot.store")
public interface StoreConfig {

    /** How long events stay in the ledger; older ones are deleted hourly. {@code 0} keeps them forever. Default 30d. */
    @WithDefault("30d")
    Duration retention();

    /** How often expired events are deleted. Default 1h. */
    @WithDefault("1h")
    Duration retentionInterval();
}
