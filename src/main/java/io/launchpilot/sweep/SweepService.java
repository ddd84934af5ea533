package io.launchpilot.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.wandb.ProjectRef;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.RunQuery;
import io.launchpilot.wandb.Sweep;
import io.launchpilot.wandb.SweepRef;
import io.launchpilot.wandb.WandbClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
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

    private Optional<SweepDetail.BestRun> best(Sweep sweep) {
        return bestRun(sweep).map(run -> best(run, sweep.metricName()));
    }

    /**
     * The run with the best value of the sweep's metric, asked of W&B as the watcher does: one run, ordered by it;
     * empty when the sweep names no metric or no run has reported it.
     */
    public Optional<Run> bestRun(Sweep sweep) {
        if (sweep.metricName() == null) {
            return Optional.empty();
        }
        String key = "summary_metrics." + sweep.metricName();
        String order = ("maximize".equals(sweep.metricGoal()) ? "-" : "+") + key;
        String filter;
        try {
            filter = JSON.writeValueAsString(metricFilter(sweep));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sweep filter that is not JSON", e);
        }
        return wandb.runs(sweep.ref().projectRef(), new RunQuery(filter, order, 1), 1).findFirst();
    }

    /** The runs of a sweep that names a metric ({@link Sweep#metricName()}) that reported it, as a W&B run filter. */
    public static Map<String, Object> metricFilter(Sweep sweep) {
        return Map.of("$and", List.of(Map.of("sweep", sweep.ref().name()),
                Map.of("summary_metrics." + sweep.metricName(), Map.of("$exists", true))));
    }

    private static SweepDetail.BestRun best(Run run, String metric) {
        return new SweepDetail.BestRun(run.ref().name(), run.displayName(), run.state(), run.summary().get(metric),
                run.config());
    }
}
