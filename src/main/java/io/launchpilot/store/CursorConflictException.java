package io.launchpilot.store;

/**
 * A cursor was moved by someone else (another replica, or a cycle of this one that committed) since
 * it was read; the transaction that tried to move it again was rolled back.
 */
public class CursorConflictException extends RuntimeException {

    public CursorConflictException(String scope, long expectedVersion) {
        super("cursor " + scope + " is no longer at version " + expectedVersion);
    }
}
