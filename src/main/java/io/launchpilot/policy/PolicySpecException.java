package io.launchpilot.policy;

import io.launchpilot.spec.SpecProblem;
import java.util.List;

/**
 * A set of policies, or a fixture to test them with ({@link Fixture#parse}), with at least one error: none
 * of it is used. {@link #problems()} holds every problem found, in source order, each with its
 * {@code file:line:column}.
 */
public class PolicySpecException extends RuntimeException {

    private final List<SpecProblem> problems;

    public PolicySpecException(List<SpecProblem> problems) {
        super(problems.isEmpty() ? "invalid policies" : problems.size() == 1 ? problems.get(0).toString()
                : problems.size() + " problems, the first: " + problems.get(0));
        this.problems = List.copyOf(problems);
    }

    public List<SpecProblem> problems() {
        return problems;
    }
}
