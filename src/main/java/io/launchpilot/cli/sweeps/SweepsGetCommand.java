package io.launchpilot.cli.sweeps;

import io.launchpilot.cli.PrintingCommand;
import io.launchpilot.sweep.SweepDetail;
import io.launchpilot.sweep.SweepService;
import io.launchpilot.wandb.Sweep;
import io.launchpilot.wandb.SweepRef;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "Show one sweep with its configuration and its best run by the sweep's metric.",
        mixinStandardHelpOptions = true)
public class SweepsGetCommand extends PrintingCommand {

    @Parameters(paramLabel = "ENTITY/PROJECT/SWEEP", description = "The sweep, by its id, e.g. demo/vision/3kq1x9zv.")
    SweepRef sweep;

    @Inject
    SweepService sweeps;

    @Override
    public Integer call() {
        SweepDetail detail = sweeps.get(sweep)
                .orElseThrow(() -> new IllegalStateException("sweep " + sweep.path() + " not found"));
        Sweep found = detail.sweep();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("path", found.ref().path());
        fields.put("display name", found.displayName());
        fields.put("method", found.method());
        fields.put("state", found.state());
        fields.put("runs", found.runCountExpected() == null
                ? String.valueOf(found.runCount()) : found.runCount() + " of " + found.runCountExpected());
        fields.put("best loss", found.bestLoss());
        fields.put("created", found.createdAt());
        fields.put("best run", detail.best() == null ? null
                : detail.best().run() + " (" + detail.metric() + " = " + detail.best().value() + ", " + detail.goal() + ")");
        fields.put("config", found.config());
        printOne(detail, fields);
        return 0;
    }
}
