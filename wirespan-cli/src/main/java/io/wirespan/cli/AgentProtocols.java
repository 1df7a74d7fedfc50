package io.wirespan.cli;

import io.wirespan.engine.config.Config;
import io.wirespan.engine.config.ConfigException;
import io.wirespan.engine.protocol.L7Engine;
import io.wirespan.engine.protocol.L7Settings;
import io.wirespan.wasm.PluginLoadException;
import io.wirespan.wasm.PluginStats;
import io.wirespan.wasm.pipeline.WasmPlugins;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's protocol settings as they stand: its own configuration ({@code --config}) with its
 * group's from the server laid over it, and its Wasm plugins, those of its command line and those
 * its group names. Each change makes new {@link L7Settings}; every shard picks them up on its
 * next clock tick (see {@link L7Engine#reconfigure}), so nothing restarts and no flow in flight
 * loses its parser.
 */
final class AgentProtocols implements AutoCloseable {
    private final Config local;
    private final ClassLoader javaPlugins;
    private final WasmPlugins wasm;
    /** The group's plugins as loaded, by name: their SHA-256, so an unchanged one is not fetched again. */
    private final Map<String, String> groupPlugins = new HashMap<>();
    private volatile L7Settings current;
    private volatile long revision = -1;

    /** @param wasm the command line's Wasm plugins, already loaded; this object closes them */
    AgentProtocols(Config local, ClassLoader javaPlugins, WasmPlugins wasm) {
        this.local = local;
        this.javaPlugins = javaPlugins;
        this.wasm = wasm;
        this.current = settings(local);
    }

    /** The settings the shards should run now. */
    L7Settings current() {
        return current;
    }

    /** The revision of the group's configuration applied last; -1 before the first. */
    long revision() {
        return revision;
    }

    Map<String, PluginStats> pluginStats() {
        return wasm.stats();
    }

    /** The SHA-256 of the group plugin loaded under {@code name}, or null. */
    synchronized String groupPluginDigest(String name) {
        return groupPlugins.get(name);
    }

    /**
     * Applies a revision of the group's configuration: its YAML over the agent's own, and exactly
     * the group plugins {@code wanted} names (in {@code images}, those that are new or changed). A
     * configuration that does not bind, or a plugin that does not load, is refused before anything
     * changes; plugins replaced before a later one failed stay replaced, as with {@link WasmPlugins#put}.
     *
     * @throws ConfigException for a configuration that does not bind
     * @throws PluginLoadException for a plugin that cannot be compiled or started
     */
    synchronized void apply(long revision, String yaml, List<String> wanted, Map<String, Plugin> images)
            throws PluginLoadException {
        Config config = local.with(Config.parse(yaml, "the group's configuration (revision " + revision + ")"));
        settings(config); // binds it: a bad protocol name or port list is refused here, before any plugin changes
        for (Map.Entry<String, Plugin> image : images.entrySet()) {
            wasm.put(image.getKey(), image.getValue().wasm());
            groupPlugins.put(image.getKey(), image.getValue().sha256());
        }
        Set<String> gone = new HashSet<>(groupPlugins.keySet());
        gone.removeAll(wanted);
        for (String name : gone) {
            wasm.remove(name);
            groupPlugins.remove(name);
        }
        this.current = settings(config);
        this.revision = revision;
    }

    /** A group plugin's module and its digest. */
    record Plugin(byte[] wasm, String sha256) {}

    private L7Settings settings(Config config) {
        boolean plugins = !wasm.isEmpty();
        return L7Engine.settings(config, javaPlugins, plugins ? List.of(wasm.protocol()) : List.of(),
                plugins ? List.of(wasm.httpHook()) : List.of());
    }

    @Override
    public void close() {
        wasm.close();
    }
}
