package io.launchpilot.wandb;

/** A Launch run queue of an entity. W&B keeps it in the entity's {@code model-registry} project. */
public record QueueRef(String entity, String name) {

    public QueueRef {
        Refs.requireSegment("entity", entity);
        if (name == null || name.isEmpty() || name.length() > 64) {
            throw new IllegalArgumentException("queue name must be 1 to 64 characters, got "
                    + (name == null ? "none" : name.length()));
        }
    }

    /** Parses {@code entity/queue}. */
    public static QueueRef parse(String path) {
        String[] parts = Refs.split(path, 2, "entity/queue");
        return new QueueRef(parts[0], parts[1]);
    }

    public String path() {
        return entity + "/" + name;
    }
}
