package io.launchpilot.sandbox;

/**
 * The one user the sandbox knows: every API key is this user, whose default entity is the demo's.
 * The user and every entity belong to one organization, whose org entity holds the registries.
 */
public final class Viewer {

    public static final String USERNAME = "demo";
    public static final String DISPLAY_NAME = "Demo User";
    public static final String EMAIL = "demo@sandbox.invalid";
    public static final String ENTITY = "demo";
    public static final String ORGANIZATION = "sandbox";
    public static final String ORG_ENTITY = "sandbox-org";

    private Viewer() {
    }
}
