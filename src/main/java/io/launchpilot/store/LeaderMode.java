package io.launchpilot.store;

/** How replicas choose their leader; see {@link LeaderConfig#mode()}. */
public enum LeaderMode {
    AUTO,
    KUBERNETES,
    POSTGRESQL,
    SINGLE;

    /**
     * The mode to use: this one, or for {@code auto} the one the surroundings call for. Throws
     * {@link IllegalArgumentException} for {@code postgresql} when the store is not PostgreSQL.
     *
     * @param inKubernetes whether this process runs in a pod ({@code KUBERNETES_SERVICE_HOST} set)
     * @param storeUrl the store's JDBC URL
     */
    public LeaderMode resolve(boolean inKubernetes, String storeUrl) {
        boolean postgresql = UrlDriver.postgresql(storeUrl);
        return switch (this) {
            case AUTO -> inKubernetes ? KUBERNETES : postgresql ? POSTGRESQL : SINGLE;
            case POSTGRESQL -> {
                if (!postgresql) {
                    throw new IllegalArgumentException("launchpilot.leader.mode=postgresql needs a PostgreSQL store "
                            + "(quarkus.datasource.jdbc.url=jdbc:postgresql://...); the store is "
                            + (storeUrl == null ? "not set" : storeUrl.startsWith("jdbc:h2:") ? "H2" : "another kind"));
                }
                yield POSTGRESQL;
            }
            default -> this;
        };
    }

    /** The mode as configured and shown: lower case. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
