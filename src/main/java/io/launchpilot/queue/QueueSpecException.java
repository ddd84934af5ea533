package io.launchpilot.queue;

import io.launchpilot.spec.SpecProblem;
import java.util.List;

/**
 * A set of queue specs with at least one error: nothing of it may be applied. {@link #problems()}
 * holds every error and warning found, in source order, each with its {@code file:line:column}.
 */
public class QueueSpecException extends RuntimeException {

    private final List<SpecProblem> problems;

    public QueueSpecException(List<SpecProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public List<SpecProblem> problems() {
        return problems;
    }

    public List<SpecProblem> errors() {
        return problems.stream().filter(SpecProblem::isError).toList();
    }

    private static String message(List<SpecProblem> problems) {
        List<SpecProblem> errors = problems.stream().filter(SpecProblem::isError).toList();
        if (errors.isEmpty()) {
            return "invalid queue specs";
        }
        return errors.size() == 1 ? errors.get(0).toString()
                : errors.size() + " errors in the queue specs, the first: " + errors.get(0);
    }
}
