package io.launchpilot.store;

/** The store could not read or write; the transaction it happened in was rolled back. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
