package io.launchpilot.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.wandb.ProjectRef;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.RunQuery;
import io.launchpilot.wandb.Sweep;
import io.launchpilot.wandb.SweepRef;
import io.launchpilot.wandb.WandbClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** Sweeps as the CLI and MCP show and steer them: the same reads and the same state changes for both. */
@ApplicationScoped
public class SweepService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WandbClient wandb;

    SweepService(WandbClient wandb) {
        this.wandb = wandb;
    }

    /**
     * @throws NoSuchElementException if the project does not exist
     */
    public List<Sweep> list(ProjectRef project) {
        return wandb.sweeps(project);
    }

    /** The sweep with its best run (one more request when it names a metric), or empty. */
    public Optional<SweepDetail> get(SweepRef ref) {
        return wandb.sweep(ref).map(sweep -> new SweepDetail(sweep, sweep.metricName(),
                sweep.metricName() == null ? null : sweep.metricGoal(), best(sweep).orElse(null)));
    }

    /**
     * Moves the sweep as the action says and reads it back.
     *
     * @throws NoSuchElementException if the sweep does not exist
     * @throws IllegalStateException if its state does not allow the action (pausing a finished sweep)
     */
    public Sweep control(SweepRef ref, SweepAction action) {
        wandb.setSweepState(ref, action.target());
        return wandb.sweep(ref).orElseThrow(() -> new NoSuchElementException("sweep " + ref.path() + " not found"));
    }

    /** The run with the best value of the sweep's metric, asked of W&B as the watcher does: one run, ordered by it. */
    private Optional<SweepDetail.BestRun> best(Sweep sweep) {
        String metric = sweep.metricName();
        if (metric == null) {
            return Optional.empty();
        }
        String key = "summary_metrics." + metric;
        ObjectNode filter = JSON.createObjectNode();
        ArrayNode and = filter.putArray("$and");
        and.addObject().put("sweep", sweep.ref().name());
        and.addObject().putObject(key).put("$exists", true);
        String order = ("maximize".equals(sweep.metricGoal()) ? "-" : "+") + key;
        return wandb.runs(sweep.ref().projectRef(), new RunQuery(filter.toString(), order, 1), 1).findFirst()
                .map(run -> best(run, metric));
    }

    private static SweepDetail.BestRun best(Run run, String metric) {
        return new SweepDetail.BestRun(run.ref().name(), run.displayName(), run.state(), run.summary().get(metric),
                run.config());
    }
}
