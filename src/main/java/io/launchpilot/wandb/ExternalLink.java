package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A link shown on a run queue's page in the W&B UI. */
@RegisterForReflection
public record ExternalLink(String label, String url) {

    public ExternalLink {
        if (label == null || label.isBlank() || url == null || url.isBlank()) {
            throw new IllegalArgumentException("an external link needs a label and a URL");
        }
    }
}
