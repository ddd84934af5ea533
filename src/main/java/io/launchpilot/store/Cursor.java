package io.launchpilot.store;

/**
 * Where a watcher stands in one scope. {@code position} is the watcher's own text; {@code version}
 * grows by one with every commit that moves it, and is 0 for a scope never committed.
 */
public record Cursor(String scope, String position, long version) {

    /** A scope the watcher has not committed yet. */
    public static Cursor none(String scope) {
        return new Cursor(scope, null, 0);
    }
}
