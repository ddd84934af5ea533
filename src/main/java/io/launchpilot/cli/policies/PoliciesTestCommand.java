package io.launchpilot.cli.policies;

import io.launchpilot.cli.Column;
import io.launchpilot.cli.PrintingCommand;
import io.launchpilot.cli.UsageException;
import io.launchpilot.policy.Fixture;
import io.launchpilot.policy.FiringView;
import io.launchpilot.policy.PolicyLoader;
import io.launchpilot.policy.PolicyService;
import io.launchpilot.policy.PolicySet;
import io.launchpilot.policy.PolicySpecException;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Feed a fixture's events and cron ticks to policies, with the fixture's runs and sweeps standing in for W&B,",
                "and print the firings that would happen with their resolved actions (like promtool test rules).",
                "Acts on nothing. Exit 0; 1 when the fixture's expect list differs; 2 for invalid input."})
public class PoliciesTestCommand extends PrintingCommand {

    @Parameters(paramLabel = "FILE", description = "A policy file (or folder).")
    Path file;

    @Option(names = "--fixture", required = true, paramLabel = "EVENTS.yaml",
            description = "events and/or ticks, runs, sweeps and optionally expect; see the README, section Policies.")
    Path fixturePath;

    @Inject
    PolicyLoader loader;

    @Inject
    PolicyService service;

    @Override
    public Integer call() {
        String text;
        try {
            text = Files.readString(fixturePath);
        } catch (IOException e) {
            throw new UsageException("cannot read the fixture " + fixturePath + ": " + e.getMessage());
        }
        // the policies' problems and the fixture's are printed together, so that one run shows all of them
        PolicySet policies = PolicyFiles.load(loader, List.of(file), spec.commandLine().getErr());
        Fixture fixture;
        try {
            fixture = Fixture.parse(fixturePath.toString(), text);
        } catch (PolicySpecException e) {
            PolicyFiles.print(e, spec.commandLine().getErr());
            return PolicyFiles.INVALID;
        }
        if (policies == null) {
            return PolicyFiles.INVALID;
        }
        List<FiringView> firings;
        try {
            firings = service.test(policies, fixture);
        } catch (PolicySpecException e) {
            PolicyFiles.print(e, spec.commandLine().getErr());
            return PolicyFiles.INVALID;
        }
        printList(firings, List.of(
                Column.of("EVENT", FiringView::event),
                Column.of("TICK", FiringView::tick),
                Column.of("POLICY", FiringView::policy),
                Column.of("SUBJECT", FiringView::subject),
                Column.of("OUTCOME", FiringView::outcome),
                Column.of("ACTIONS", (FiringView firing) -> firing.actions().stream()
                        .map(action -> action.type() + " " + action.params()).toList())));
        return fixture.expect() == null || matches(fixture, firings, spec.commandLine().getErr()) ? 0 : 1;
    }

    /** Whether the firings (that would act) are the expected ones; prints the difference when not. */
    private static boolean matches(Fixture fixture, List<FiringView> firings, PrintWriter err) {
        List<Fixture.Expected> missing = new ArrayList<>(fixture.expect());
        List<FiringView> unexpected = new ArrayList<>();
        for (FiringView firing : firings) {
            if (firing.outcome().equals("fire") || firing.outcome().equals("audit") || firing.outcome().equals("pending")) {
                if (!missing.remove(new Fixture.Expected(firing.policy(), firing.subject()))) {
                    unexpected.add(firing);
                }
            }
        }
        missing.forEach(m -> err.println("expected but not fired: " + m.policy() + " on " + m.subject()));
        unexpected.forEach(u -> err.println("fired but not expected: " + u.policy() + " on " + u.subject()));
        err.flush();
        return missing.isEmpty() && unexpected.isEmpty();
    }
}
