package io.launchpilot.cli.queues;

import io.launchpilot.queue.QueueSpecException;
import io.launchpilot.queue.QueueSpecLoader;
import io.launchpilot.queue.QueueSpecSet;
import io.launchpilot.spec.SpecProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The spec files a plan or apply reads, and the entities it looks at besides theirs. */
public class SpecSource {

    /** Exit code for invalid specs, as for any validation error. */
    static final int INVALID = 2;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Spec files or directories (*.yaml, *.yml, recursively). Default: <launchpilot.config-dir>/queues.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--entity", paramLabel = "ENTITY",
            description = "Also read this entity's queues (repeatable), e.g. to prune one whose last spec was removed.")
    List<String> entities = new ArrayList<>();

    /** The specs, with warnings printed; null after printing every problem when they are invalid. */
    QueueSpecSet load(QueueSpecLoader loader, PrintWriter err) {
        try {
            QueueSpecSet specs = loader.load(paths);
            specs.warnings().forEach(err::println);
            err.flush();
            return specs;
        } catch (QueueSpecException e) {
            e.problems().stream().map(SpecProblem::toString).forEach(err::println);
            err.flush();
            return null;
        }
    }
}
