package io.launchpilot.sandbox;

import java.util.regex.Pattern;

/** The names W&B accepts for entities, projects, queues and artifacts. */
final class Names {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\- ]+");

    private Names() {
    }

    /** {@code value}, if it is a usable name; otherwise a refusal naming {@code what}. */
    static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw SandboxException.invalid(what + " is required");
        }
        if (value.length() > 128 || !NAME.matcher(value).matches()) {
            throw SandboxException.invalid(what + " \"" + value
                    + "\" may only hold letters, digits, '-', '_', '.' and spaces (at most 128)");
        }
        return value;
    }
}
