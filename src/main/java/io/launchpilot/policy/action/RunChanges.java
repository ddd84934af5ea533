package io.launchpilot.policy.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.RunRef;
import io.launchpilot.wandb.RunUpdate;
import io.launchpilot.wandb.WandbClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@link RunChange}s of one run, in order: reads the run once, compares, and writes once when any
 * change is missing, so a repeat (after a crash) finds its effect and sends nothing. Each change gets the
 * result its action reports: {@code "existed": true} when the run as read already had it.
 */
@ApplicationScoped
class RunChanges {

    private final WandbClient wandb;

    RunChanges(WandbClient wandb) {
        this.wandb = wandb;
    }

    /** @return one result per change, in the same order */
    List<ObjectNode> apply(List<RunChange> changes) {
        RunRef ref = changes.get(0).run();
        if (changes.stream().anyMatch(change -> !change.run().equals(ref))) {
            throw new IllegalArgumentException("changes of several runs applied together");
        }
        Run run = wandb.run(ref).orElseThrow(() -> ActionFailure.permanent(
                changes.get(0).type().key() + ": run " + ref.path() + " not found"));
        List<String> tags = new ArrayList<>(run.tags());
        Map<String, Object> summary = new HashMap<>(run.summary());
        Map<String, Object> config = new HashMap<>(run.config());
        Map<String, Object> summaryToWrite = new LinkedHashMap<>();
        Map<String, Object> configToWrite = new LinkedHashMap<>();
        List<ObjectNode> results = new ArrayList<>();
        for (RunChange change : changes) {
            ObjectNode result = Params.result().put("run", ref.path());
            List<String> before = List.copyOf(tags);
            tags.removeAll(change.remove());
            change.add().stream().filter(tag -> !tags.contains(tag)).forEach(tags::add);
            boolean summaryHolds = UpdateRunAction.holds(summary, change.summary());
            boolean configHolds = UpdateRunAction.holds(config, change.config());
            if (!summaryHolds) {
                result.set("summary", Params.JSON.valueToTree(change.summary()));
                summary.putAll(change.summary());
                summaryToWrite.putAll(change.summary());
            }
            if (!configHolds) {
                result.set("config", Params.JSON.valueToTree(change.config()));
                config.putAll(change.config());
                configToWrite.putAll(change.config());
            }
            if (tags.equals(before) && summaryHolds && configHolds) {
                result.put("existed", true);
            }
            results.add(result);
        }
        boolean tagsChanged = !tags.equals(run.tags());
        List<String> finalTags = tags;
        if (tagsChanged || !summaryToWrite.isEmpty() || !configToWrite.isEmpty()) {
            Run updated = wandb.updateRun(run, new RunUpdate(tagsChanged ? tags : null,
                    configToWrite.isEmpty() ? null : configToWrite, summaryToWrite.isEmpty() ? null : summaryToWrite));
            finalTags = updated.tags();
        }
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).type() == ActionType.TAG_RUN) {
                results.get(i).set("tags", Params.JSON.valueToTree(finalTags));
            }
        }
        return results;
    }
}
