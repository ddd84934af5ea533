package io.launchpilot.policy;

import java.util.List;
import java.util.Optional;

/**
 * Validated policies, all of them valid, in file order; replaced as a whole on reload.
 *
 * @param sources the files read
 */
public record PolicySet(List<Policy> policies, List<String> sources) {

    public static final PolicySet EMPTY = new PolicySet(List.of(), List.of());

    public PolicySet {
        policies = List.copyOf(policies);
        sources = List.copyOf(sources);
    }

    public Optional<Policy> policy(String name) {
        return policies.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
