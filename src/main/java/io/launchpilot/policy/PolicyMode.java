package io.launchpilot.policy;

/** {@code enforce} acts; {@code audit} decides and records the firing, but never acts. */
public enum PolicyMode {
    ENFORCE, AUDIT
}
