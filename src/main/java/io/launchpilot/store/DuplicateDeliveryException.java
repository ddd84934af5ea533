package io.launchpilot.store;

import java.util.OptionalLong;

/**
 * A webhook delivery with this key was recorded within the replay window; the transaction that tried to
 * record it again was rolled back.
 */
public class DuplicateDeliveryException extends RuntimeException {

    private final transient OptionalLong eventId;

    public DuplicateDeliveryException(String source, OptionalLong eventId) {
        super("this " + source + " delivery was received before"
                + (eventId.isPresent() ? " (event " + eventId.getAsLong() + ")" : "") + "; replays are refused");
        this.eventId = eventId;
    }

    /** The event the first delivery became, when known (a concurrent twin may not have committed yet). */
    public OptionalLong eventId() {
        return eventId;
    }
}
