package io.launchpilot.cli.policies;

import io.launchpilot.cli.Column;
import io.launchpilot.cli.PrintingCommand;
import io.launchpilot.policy.PolicyLoader;
import io.launchpilot.policy.PolicySet;
import io.launchpilot.policy.PolicyView;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the policies of the policy files: triggers, actions, mode. Exit 2 when a file is invalid.")
public class PoliciesListCommand extends PrintingCommand {

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Policy files or folders. Default: <launchpilot.config-dir>/policies.")
    List<Path> paths = new ArrayList<>();

    @Inject
    PolicyLoader loader;

    @Override
    public Integer call() {
        PolicySet policies = PolicyFiles.load(loader, paths, spec.commandLine().getErr());
        if (policies == null) {
            return PolicyFiles.INVALID;
        }
        printList(policies.policies().stream().map(PolicyView::of).toList(), List.of(
                Column.of("NAME", PolicyView::name),
                Column.of("MODE", PolicyView::mode),
                Column.of("TRIGGERS", PolicyView::triggers),
                Column.of("FOR", (PolicyView view) -> view.holdFor() == null ? "" : view.holdFor()),
                Column.of("ACTIONS", PolicyView::actions),
                Column.of("SOURCE", PolicyView::source)));
        return 0;
    }
}
