package io.launchpilot.cli.policies;

import io.launchpilot.policy.PolicyLoader;
import io.launchpilot.policy.PolicySet;
import io.launchpilot.policy.PolicySpecException;
import io.launchpilot.spec.SpecProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Loads policy files for a command, printing every problem (theirs or a fixture's) as {@code file:line:column: reason}. */
final class PolicyFiles {

    /** Exit code for invalid policies, as for any validation error. */
    static final int INVALID = 2;

    private PolicyFiles() {
    }

    /** The policies, or null after printing every problem. */
    static PolicySet load(PolicyLoader loader, List<Path> paths, PrintWriter err) {
        try {
            return loader.load(paths);
        } catch (PolicySpecException e) {
            print(e, err);
            return null;
        }
    }

    /** Every problem, one {@code file:line:column: reason} line each. */
    static void print(PolicySpecException e, PrintWriter err) {
        e.problems().stream().map(SpecProblem::toString).forEach(err::println);
        err.flush();
    }
}
