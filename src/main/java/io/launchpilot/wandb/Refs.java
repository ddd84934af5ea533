package io.launchpilot.wandb;

/** Checks shared by the {@code *Ref} records. */
final class Refs {

    private Refs() {
    }

    static void requireSegment(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.contains("/")) {
            throw new IllegalArgumentException(what + " must not contain '/', got " + value);
        }
    }

    static String[] split(String path, int parts, String shape) {
        String[] split = path == null ? new String[0] : path.split("/", -1);
        if (split.length != parts) {
            throw new IllegalArgumentException("expected " + shape + ", got " + path);
        }
        return split;
    }
}
