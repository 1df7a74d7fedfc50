package io.wirespan.wasm;

/** What plugins do that people should hear of: their log lines, failed calls, and being disabled. */
public interface PluginEvents {
    PluginEvents SILENT = new PluginEvents() {};

    default void log(String plugin, PluginLog line) {}

    default void failed(String plugin, Hook hook, String why) {}

    default void disabled(String plugin, String reason) {}
}
