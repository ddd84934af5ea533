package io.launchpilot.wandb;

/** A sweep: {@code entity/project/name}, where {@code name} is the sweep id (e.g. {@code 3kq1x9zv}). */
public record SweepRef(String entity, String project, String name) {

    public SweepRef {
        Refs.requireSegment("entity", entity);
        Refs.requireSegment("project", project);
        Refs.requireSegment("sweep name", name);
    }

    /** Parses {@code entity/project/sweep}. */
    public static SweepRef parse(String path) {
        String[] parts = Refs.split(path, 3, "entity/project/sweep");
        return new SweepRef(parts[0], parts[1], parts[2]);
    }

    public ProjectRef projectRef() {
        return new ProjectRef(entity, project);
    }

    public String path() {
        return entity + "/" + project + "/" + name;
    }
}
