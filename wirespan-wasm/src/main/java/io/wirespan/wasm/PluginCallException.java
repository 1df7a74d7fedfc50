package io.wirespan.wasm;

/** A hook call that failed: the plugin trapped, ran over its time budget or handed back garbage. */
public final class PluginCallException extends Exception {
    public PluginCallException(String message) {
        super(message);
    }

    public PluginCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
