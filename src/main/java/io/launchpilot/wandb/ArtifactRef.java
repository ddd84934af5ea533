package io.launchpilot.wandb;

/**
 * One version of an artifact collection: {@code entity/project/collection:version}, where
 * {@code version} is an alias ({@code latest}, {@code prod}) or a version index ({@code v3}).
 */
public record ArtifactRef(String entity, String project, String collection, String version) {

    public ArtifactRef {
        Refs.requireSegment("entity", entity);
        Refs.requireSegment("project", project);
        Refs.requireSegment("collection", collection);
        if (collection.contains(":")) {
            throw new IllegalArgumentException("collection must not contain ':', got " + collection);
        }
        Refs.requireSegment("version or alias", version);
    }

    /** Parses {@code entity/project/collection:version}; without {@code :version} it means {@code latest}. */
    public static ArtifactRef parse(String path) {
        String[] parts = Refs.split(path, 3, "entity/project/collection:alias");
        int colon = parts[2].lastIndexOf(':');
        if (colon < 0) {
            return new ArtifactRef(parts[0], parts[1], parts[2], "latest");
        }
        return new ArtifactRef(parts[0], parts[1], parts[2].substring(0, colon), parts[2].substring(colon + 1));
    }

    /** The name W&B looks a membership up by: {@code collection:version}. */
    public String nameWithVersion() {
        return collection + ":" + version;
    }

    public String path() {
        return entity + "/" + project + "/" + nameWithVersion();
    }
}
