package io.launchpilot.spec;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Comparator;

/** Something wrong (an error) or suspicious (a warning) in a user-written spec (a queue, a policy), with where it is. */
@RegisterForReflection
public record SpecProblem(Position position, Severity severity, String reason) {

    /** Errors stop the whole spec set from being applied; warnings are only reported. */
    public enum Severity {
        ERROR, WARNING
    }

    public static final Comparator<SpecProblem> ORDER = Comparator.comparing(SpecProblem::position);

    public SpecProblem {
        if (position == null || severity == null || reason == null) {
            throw new IllegalArgumentException("a spec problem needs a position, a severity and a reason");
        }
    }

    public static SpecProblem error(Position position, String reason) {
        return new SpecProblem(position, Severity.ERROR, reason);
    }

    public static SpecProblem warning(Position position, String reason) {
        return new SpecProblem(position, Severity.WARNING, reason);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column: reason}, with {@code warning: } before the reason of a warning. */
    @Override
    public String toString() {
        return position + ": " + (isError() ? "" : "warning: ") + reason;
    }
}
