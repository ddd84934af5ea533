package io.launchpilot.policy.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.store.ActionRecord;
import io.launchpilot.wandb.Artifact;
import io.launchpilot.wandb.ArtifactMembership;
import io.launchpilot.wandb.ArtifactRef;
import io.launchpilot.wandb.RunRef;
import io.launchpilot.wandb.WandbClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code linkArtifact}: links an artifact version into a collection or registry ({@code to}) with
 * {@code aliases}. The source is {@code from.artifact} ({@code e/p/name:alias}) or the output artifact
 * of {@code from.run} of {@code from.type} at {@code from.alias} (default {@code latest}). Before linking
 * it looks the target up at the first alias (or {@code latest} without aliases): if that is already the
 * same source version carrying every alias, the link exists and nothing is sent.
 */
@ApplicationScoped
class LinkArtifactAction implements ActionHandler {

    private final WandbClient wandb;

    LinkArtifactAction(WandbClient wandb) {
        this.wandb = wandb;
    }

    @Override
    public ActionType type() {
        return ActionType.LINK_ARTIFACT;
    }

    @Override
    public ObjectNode execute(ActionRecord action, boolean resumed) {
        Params params = Params.of(action);
        String to = params.text("to");
        String[] target = to.split("/", -1);
        if (target.length != 3 || List.of(target).stream().anyMatch(String::isBlank) || target[2].contains(":")) {
            throw params.invalid("to must be entity/project/collection, got " + to);
        }
        List<String> aliases = params.texts("aliases");
        Artifact source = source(params);
        ObjectNode result = Params.result().put("source", source.ref().path());
        String probe = aliases.isEmpty() ? "latest" : aliases.get(0);
        Optional<ArtifactMembership> linked = wandb.artifact(new ArtifactRef(target[0], target[1], target[2], probe));
        if (linked.isPresent() && linked.get().artifact() != null && source.id().equals(linked.get().artifact().id())
                && linked.get().aliases().containsAll(aliases)) {
            return describe(result, linked.get()).put("existed", true);
        }
        ArtifactMembership membership;
        try {
            membership = wandb.linkArtifact(source, to, aliases);
        } catch (IllegalArgumentException e) {
            throw ActionFailure.permanent("linkArtifact: " + e.getMessage());
        }
        return describe(result, membership);
    }

    private static ObjectNode describe(ObjectNode result, ArtifactMembership membership) {
        result.put("target", membership.ref().path());
        result.set("aliases", Params.JSON.valueToTree(membership.aliases()));
        return result;
    }

    private Artifact source(Params params) {
        JsonNode from = params.node("from");
        if (from == null || !from.isObject()) {
            throw params.invalid("from must be {run, type, alias} or {artifact}");
        }
        Params source = Params.of("linkArtifact", from);
        if (source.has("artifact")) {
            ArtifactRef ref = ActionRefs.artifact(source, "artifact");
            return wandb.artifact(ref).map(ArtifactMembership::artifact)
                    .orElseThrow(() -> ActionFailure.permanent("linkArtifact: artifact " + ref.path() + " not found"));
        }
        RunRef run = ActionRefs.run(source, "run");
        String type = source.text("type");
        String alias = source.text("alias", "latest");
        // a run's artifacts may finish uploading after the run finished: not found yet is worth a retry
        return wandb.runOutputArtifacts(run).stream()
                .filter(artifact -> type.equals(artifact.type()) && artifact.aliases().contains(alias))
                .max(Comparator.comparingInt(Artifact::versionIndex))
                .orElseThrow(() -> ActionFailure.retryable("linkArtifact: run " + run.path() + " has no " + type
                        + " artifact with alias " + alias));
    }
}
