package io.launchpilot.wandb;

/** A project of an entity: {@code entity/name}. */
public record ProjectRef(String entity, String name) {

    public ProjectRef {
        Refs.requireSegment("entity", entity);
        Refs.requireSegment("project", name);
    }

    /** Parses {@code entity/project}. */
    public static ProjectRef parse(String path) {
        String[] parts = Refs.split(path, 2, "entity/project");
        return new ProjectRef(parts[0], parts[1]);
    }

    public String path() {
        return entity + "/" + name;
    }
}
