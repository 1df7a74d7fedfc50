package io.wirespan.wasm;

/** A module that cannot become a plugin: not Wasm, an import the host does not offer, a missing export, ... */
public final class PluginLoadException extends Exception {
    public PluginLoadException(String message) {
        super(message);
    }

    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
