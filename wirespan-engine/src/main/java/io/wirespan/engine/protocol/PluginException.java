package io.wirespan.engine.protocol;

/** A protocol plugin that cannot be used: not found, not loadable, or broken on load. */
public final class PluginException extends RuntimeException {
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
