package io.launchpilot.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.sweep.SweepService;
import io.launchpilot.wandb.ProjectRef;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.QueuedRun;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.RunQuery;
import io.launchpilot.wandb.RunRef;
import io.launchpilot.wandb.Sweep;
import io.launchpilot.wandb.SweepRef;
import io.launchpilot.wandb.WandbClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The subjects of firings as W&B has them now. */
@ApplicationScoped
public class WandbSubjects implements Subjects {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WandbClient wandb;
    private final SweepService sweeps;

    @Inject
    WandbSubjects(WandbClient wandb, SweepService sweeps) {
        this.wandb = wandb;
        this.sweeps = sweeps;
    }

    @Override
    public Optional<Run> run(RunRef run) {
        return wandb.run(run);
    }

    @Override
    public Optional<Sweep> sweep(SweepRef sweep) {
        return wandb.sweep(sweep);
    }

    @Override
    public Optional<Run> bestRun(Sweep sweep) {
        return sweeps.bestRun(sweep);
    }

    @Override
    public List<Run> runs(ProjectRef project, Map<String, Object> filter, int limit) {
        return wandb.runs(project, RunQuery.all().withFilters(json(filter)).withPerPage(Math.min(limit, 1000)), limit)
                .toList();
    }

    @Override
    public Optional<QueuedRun> queued(QueueRef queue, String itemId) {
        return wandb.queued(queue, itemId);
    }

    private static String json(Map<String, Object> filter) {
        try {
            return JSON.writeValueAsString(filter);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a filter that is not JSON: " + e.getMessage(), e);
        }
    }
}
