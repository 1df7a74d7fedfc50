package io.wirespan.store;

/** A store could not be opened, written or read; the message says which file or server and why. */
public class StoreException extends Exception {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
