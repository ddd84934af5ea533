package io.launchpilot.cli.sweeps;

import io.launchpilot.cli.OutputOption;
import io.launchpilot.cli.Printer;
import io.launchpilot.wandb.Sweep;
import io.launchpilot.wandb.SweepRef;
import io.launchpilot.wandb.WandbClient;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get", description = "Show one sweep with its configuration.", mixinStandardHelpOptions = true)
public class SweepsGetCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ENTITY/PROJECT/SWEEP", description = "The sweep, by its id, e.g. demo/vision/3kq1x9zv.")
    SweepRef sweep;

    @Mixin
    OutputOption output;

    @Spec
    CommandSpec spec;

    @Inject
    WandbClient wandb;

    @Inject
    Printer printer;

    @Override
    public Integer call() {
        Sweep found = wandb.sweep(sweep)
                .orElseThrow(() -> new IllegalStateException("sweep " + sweep.path() + " not found"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("path", found.ref().path());
        fields.put("display name", found.displayName());
        fields.put("method", found.method());
        fields.put("state", found.state());
        fields.put("runs", found.runCountExpected() == null
                ? String.valueOf(found.runCount()) : found.runCount() + " of " + found.runCountExpected());
        fields.put("best loss", found.bestLoss());
        fields.put("created", found.createdAt());
        fields.put("config", found.config());
        printer.one(spec.commandLine().getOut(), output.format, found, fields);
        return 0;
    }
}
