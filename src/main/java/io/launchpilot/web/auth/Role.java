package io.launchpilot.web.auth;

/** What a bearer token allows: {@code read} only reads; {@code write} also changes things. */
public enum Role {
    READ, WRITE;

    public boolean mayWrite() {
        return this == WRITE;
    }
}
