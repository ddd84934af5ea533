package io.launchpilot.cli.policies;

import io.launchpilot.policy.PolicyLoader;
import io.launchpilot.policy.PolicySet;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check policy files: every problem is printed as file:line:column: reason.",
                "Exit 0 when all are valid, 2 otherwise."})
public class PoliciesValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "0..1",
            description = "A folder (or file) of policies (*.yaml, *.yml, recursively). Default: <launchpilot.config-dir>/policies.")
    Path dir;

    @Spec
    CommandSpec spec;

    @Inject
    PolicyLoader loader;

    @Override
    public Integer call() {
        Path root = dir != null ? dir : loader.defaultDirectory();
        PolicySet policies = PolicyFiles.load(loader, List.of(root), spec.commandLine().getErr());
        if (policies == null) {
            return PolicyFiles.INVALID;
        }
        spec.commandLine().getOut().printf("%d policies valid in %s%n", policies.policies().size(), root);
        return 0;
    }
}
