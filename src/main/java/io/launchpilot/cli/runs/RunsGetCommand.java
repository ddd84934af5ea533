package io.launchpilot.cli.runs;

import io.launchpilot.cli.PrintingCommand;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.RunRef;
import io.launchpilot.wandb.WandbClient;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "Show one run with its config and summary.", mixinStandardHelpOptions = true)
public class RunsGetCommand extends PrintingCommand {

    @Parameters(paramLabel = "ENTITY/PROJECT/RUN", description = "The run, by its short id, e.g. demo/vision/a1b2c3d4.")
    RunRef run;

    @Inject
    WandbClient wandb;

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
        printOne(found, fields);
        return 0;
    }
}
