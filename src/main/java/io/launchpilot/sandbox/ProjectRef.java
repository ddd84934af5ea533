package io.launchpilot.sandbox;

/** A project by entity and name. */
public record ProjectRef(String entity, String name) {

    @Override
    public String toString() {
        return entity + "/" + name;
    }
}
