package io.launchpilot.cli.sweeps;

import io.launchpilot.cli.PrintingCommand;
import io.launchpilot.sweep.SweepAction;
import io.launchpilot.sweep.SweepService;
import io.launchpilot.wandb.Sweep;
import io.launchpilot.wandb.SweepRef;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sweeps pause|resume|stop|cancel}: one sweep to another state, as {@code wandb sweep --pause} etc. do. */
public abstract class SweepStateCommand extends PrintingCommand {

    @Parameters(paramLabel = "ENTITY/PROJECT/SWEEP", description = "The sweep, by its id, e.g. demo/vision/3kq1x9zv.")
    SweepRef sweep;

    @Inject
    SweepService sweeps;

    abstract SweepAction action();

    @Override
    public Integer call() {
        Sweep after = sweeps.control(sweep, action());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("path", after.ref().path());
        fields.put("state", after.state());
        printOne(after, fields);
        return 0;
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause a running sweep: no new runs start; running runs go on.")
    public static class Pause extends SweepStateCommand {
        @Override
        SweepAction action() {
            return SweepAction.PAUSE;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused sweep.")
    public static class Resume extends SweepStateCommand {
        @Override
        SweepAction action() {
            return SweepAction.RESUME;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop a sweep: no new runs start; running runs finish (W&B state FINISHED).")
    public static class Stop extends SweepStateCommand {
        @Override
        SweepAction action() {
            return SweepAction.STOP;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a sweep: stop it now and kill its running runs (W&B state CANCELED).")
    public static class Cancel extends SweepStateCommand {
        @Override
        SweepAction action() {
            return SweepAction.CANCEL;
        }
    }
}
