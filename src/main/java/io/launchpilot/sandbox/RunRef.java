package io.launchpilot.sandbox;

/** A run by entity, project and short id ({@code name}). */
public record RunRef(String entity, String project, String name) {

    public ProjectRef projectRef() {
        return new ProjectRef(entity, project);
    }

    @Override
    public String toString() {
        return entity + "/" + project + "/" + name;
    }
}
