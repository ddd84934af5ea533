package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The user the API key belongs to; {@code entity} is their default entity. */
@RegisterForReflection
public record Viewer(String id, String username, String name, String email, String entity, boolean admin,
        List<String> teams) {

    public Viewer {
        teams = Values.list(teams);
    }
}
