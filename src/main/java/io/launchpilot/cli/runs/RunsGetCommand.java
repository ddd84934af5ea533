package io.launchpilot.cli.runs;

import io.launchpilot.cli.OutputOption;
import io.launchpilot.cli.Printer;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.RunRef;
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

@Command(name = "get", description = "Show one run with its config and summary.", mixinStandardHelpOptions = true)
public class RunsGetCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ENTITY/PROJECT/RUN", description = "The run, by its short id, e.g. demo/vision/a1b2c3d4.")
    RunRef run;

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
        Run found = wandb.run(run).orElseThrow(() -> new IllegalStateException("run " + run.path() + " not found"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("path", found.ref().path());
        fields.put("display name", found.displayName());
        fields.put("state", found.state());
        fields.put("created", found.createdAt());
        fields.put("heartbeat", found.heartbeatAt());
        fields.put("sweep", found.sweep());
        fields.put("group", found.group());
        fields.put("job type", found.jobType());
        fields.put("tags", found.tags());
        fields.put("config", found.config());
        fields.put("summary", found.summary());
        printer.one(spec.commandLine().getOut(), output.format, found, fields);
        return 0;
    }
}
