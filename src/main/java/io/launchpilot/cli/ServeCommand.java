package io.launchpilot.cli;

import io.quarkus.runtime.Quarkus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "serve", description = {
        "Run the automation service: REST API, webhooks, MCP and background jobs.",
        "Without WANDB_API_KEY it runs against the embedded sandbox at /sandbox."})
public class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Quarkus.waitForExit();
        return 0;
    }
}
