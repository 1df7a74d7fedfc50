package io.wirespan.wasm;

/** One line a plugin logged through {@code wasm_log}, or wrote to standard output or error. */
public record PluginLog(Level level, String message) {
    public enum Level { INFO, WARN, ERROR }
}
