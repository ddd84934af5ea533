package io.launchpilot.mcp;

import io.launchpilot.wandb.ArtifactMembership;
import io.launchpilot.wandb.ArtifactRef;
import io.launchpilot.wandb.WandbClient;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.Tool.Annotations;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkiverse.mcp.server.ToolGuardrails;
import java.util.List;

/** W&B artifacts for agents: promoting a model version into a collection or registry, as {@code artifact.link} does. */
@ToolErrors
public class ArtifactTools {

    private final WandbClient wandb;

    ArtifactTools(WandbClient wandb) {
        this.wandb = wandb;
    }

    @Tool(name = "link_artifact", structuredContent = true,
            description = "Link an artifact version into a collection or a registry (e.g. promote a model to the model"
                    + " registry) with aliases, as the W&B SDK's artifact.link does. An alias such as production moves"
                    + " to this version from whichever version held it; W&B adds latest itself. Returns the linked"
                    + " version in the target collection (its version index and aliases).",
            annotations = @Annotations(title = "Link an artifact", readOnlyHint = false, destructiveHint = true,
                    idempotentHint = true, openWorldHint = true))
    @ToolGuardrails(input = WriteAccess.class)
    public ArtifactMembership linkArtifact(
            @ToolArg(description = "The artifact version as entity/project/collection:alias-or-version, e.g."
                    + " acme/vision/resnet:v3 or acme/vision/resnet:latest.") String artifact,
            @ToolArg(description = "Where to link it: project/collection (same entity), entity/project/collection,"
                    + " or wandb-registry-<registry>/collection for a registry, e.g. wandb-registry-model/resnet.")
            String target,
            @ToolArg(description = "Aliases to set on the linked version, e.g. [\"production\"].", required = false)
            List<String> aliases) {
        ArtifactRef ref = ArtifactRef.parse(artifact);
        ArtifactMembership source = wandb.artifact(ref)
                .orElseThrow(() -> new ToolCallException("artifact " + ref.path() + " not found"));
        return wandb.linkArtifact(source.artifact(), target, aliases == null ? List.of() : aliases);
    }
}
