package io.launchpilot.wandb;

/**
 * A run, as W&B names it: {@code entity/project/name}, where {@code name} is the short run id
 * (e.g. {@code a1b2c3d4}) the SDK calls {@code run.id}.
 */
public record RunRef(String entity, String project, String name) {

    public RunRef {
        Refs.requireSegment("entity", entity);
        Refs.requireSegment("project", project);
        Refs.requireSegment("run name", name);
    }

    /** Parses {@code entity/project/name}. */
    public static RunRef parse(String path) {
        String[] parts = Refs.split(path, 3, "entity/project/run");
        return new RunRef(parts[0], parts[1], parts[2]);
    }

    public ProjectRef projectRef() {
        return new ProjectRef(entity, project);
    }

    public String path() {
        return entity + "/" + project + "/" + name;
    }
}
