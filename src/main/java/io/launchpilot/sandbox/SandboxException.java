package io.launchpilot.sandbox;

/**
 * A request the sandbox refuses the way W&B would (unknown queue, bad template variable, ...).
 * GraphQL answers it as an error with this message; the control API as a problem with this status.
 */
public class SandboxException extends RuntimeException {

    /** What kind of refusal, which the control API turns into an HTTP status. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;

    public SandboxException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static SandboxException invalid(String message) {
        return new SandboxException(Kind.INVALID, message);
    }

    public static SandboxException notFound(String message) {
        return new SandboxException(Kind.NOT_FOUND, message);
    }

    public static SandboxException conflict(String message) {
        return new SandboxException(Kind.CONFLICT, message);
    }

    public Kind kind() {
        return kind;
    }
}
