package io.launchpilot.policy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How often a policy may fire, over all its triggers and subjects.
 *
 * @param cooldown at least this long between two firings, or null
 * @param maxPerHour at most this many firings in any hour, or null
 */
@RegisterForReflection
public record Limits(Duration cooldown, Integer maxPerHour) {

    public static final Limits NONE = new Limits(null, null);

    /** Whether any limit is set. */
    public boolean any() {
        return cooldown != null || maxPerHour != null;
    }

    /**
     * Why a firing at {@code now} is not allowed ({@code cooldown}, {@code rate-limited}), if so.
     *
     * Both are asked only when the limit they serve is set: a policy without limits costs no store read.
     *
     * @param lastFiredAt when the policy last fired
     * @param countSince how many firings of the policy were recorded at or after an instant
     */
    public Optional<String> refusal(Supplier<Optional<Instant>> lastFiredAt, Function<Instant, Integer> countSince,
            Instant now) {
        if (cooldown != null && lastFiredAt.get().filter(last -> last.plus(cooldown).isAfter(now)).isPresent()) {
            return Optional.of("cooldown");
        }
        if (maxPerHour != null && countSince.apply(now.minus(Duration.ofHours(1))) >= maxPerHour) {
            return Optional.of("rate-limited");
        }
        return Optional.empty();
    }
}
