package io.launchpilot.cli;

import io.quarkus.runtime.Quarkus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "sandbox", description = {
        "Serve the embedded W&B-compatible sandbox alone at http://HOST:PORT/sandbox.",
        "Point the official SDK or `launchpilot serve` at it with WANDB_BASE_URL=http://HOST:PORT/sandbox",
        "and any WANDB_API_KEY. Port: -Dquarkus.http.port=N before -jar, or QUARKUS_HTTP_PORT."})
public class SandboxCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Quarkus.waitForExit();
        return 0;
    }
}
