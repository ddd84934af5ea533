package io.launchpilot.policy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;

/**
 * How often a policy may fire, over all its triggers and subjects.
 *
 * @param cooldown at least this long between two firings, or null
 * @param maxPerHour at most this many firings in any hour, or null
 */
@RegisterForReflection
public record Limits(Duration cooldown, Integer maxPerHour) {

    public static final Limits NONE = new Limits(null, null);
}
