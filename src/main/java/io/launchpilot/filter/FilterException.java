package io.launchpilot.filter;

/** A filter or order expression that W&B would reject; the message says what is wrong. */
public class FilterException extends IllegalArgumentException {

    public FilterException(String message) {
        super(message);
    }
}
