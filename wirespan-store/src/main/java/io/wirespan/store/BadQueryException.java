package io.wirespan.store;

/**
 * A query was refused or failed because of what it asks (it writes, is not one statement, names
 * an unknown column, runs over its time), not because the store is unwell. The message is safe to
 * show to whoever sent the query.
 */
public final class BadQueryException extends StoreException {
    public BadQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
