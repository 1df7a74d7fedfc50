package io.wirespan.wasm.pipeline;

import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.MessageHook;
import io.wirespan.wasm.CallWatchdog;
import io.wirespan.wasm.Hook;
import io.wirespan.wasm.PluginChain;
import io.wirespan.wasm.PluginEvents;
import io.wirespan.wasm.PluginLimits;
import io.wirespan.wasm.PluginLoadException;
import io.wirespan.wasm.PluginModule;
import io.wirespan.wasm.PluginStats;
import io.wirespan.wasm.WasmPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Wasm plugins of a run, compiled once, and what the engine takes of them: a protocol
 * provider (DeepFlow's {@code Custom}: {@code check_payload} and {@code parse_payload}) and a
 * message hook (the HTTP hooks). Each pipeline shard gets instances of its own, and each plugin
 * is instantiated only in the chains whose hooks it asks for.
 */
public final class WasmPlugins implements AutoCloseable {
    private final List<PluginModule> modules;
    private final PluginEvents events;
    private final CallWatchdog watchdog = new CallWatchdog();
    private final List<WasmPlugin> instances = new ArrayList<>();

    private WasmPlugins(List<PluginModule> modules, PluginEvents events) {
        this.modules = List.copyOf(modules);
        this.events = events;
    }

    /**
     * Loads the plugin files in order, each named by its file name; a name already loaded is
     * skipped, as in DeepFlow.
     *
     * @throws PluginLoadException for the first that cannot be read, compiled or started
     */
    public static WasmPlugins load(List<Path> files, PluginLimits limits, PluginEvents events) throws PluginLoadException {
        Map<String, PluginModule> modules = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (modules.containsKey(name)) continue;
            byte[] wasm;
            try {
                wasm = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new PluginLoadException(file + ": cannot read: " + e.getMessage(), e);
            }
            modules.put(name, PluginModule.compile(name, wasm, limits));
        }
        WasmPlugins plugins = new WasmPlugins(new ArrayList<>(modules.values()), events);
        try {
            // each is started once now, so that one whose _start fails is reported before any traffic
            for (PluginModule module : plugins.modules) WasmPlugin.instantiate(module, plugins.watchdog).close();
        } catch (PluginLoadException e) {
            plugins.close();
            throw e;
        }
        return plugins;
    }

    public boolean isEmpty() {
        return modules.isEmpty();
    }

    public List<String> names() {
        return modules.stream().map(PluginModule::name).toList();
    }

    /** The custom-protocol provider, for inference and parsing; none when no plugin has the payload hook. */
    public List<L7ProtocolProvider> protocols() {
        return modules.isEmpty() ? List.of() : List.of(new WasmProtocolProvider(() -> chain(p -> p.wants(Hook.CHECK_PAYLOAD))));
    }

    /** The HTTP hooks, run after native HTTP parsing. */
    public List<MessageHook> hooks() {
        return modules.isEmpty() ? List.of()
                : List.of(new WasmHttpHook(() -> chain(p -> p.wants(Hook.HTTP_REQ) || p.wants(Hook.HTTP_RESP))));
    }

    /** Every instance's counters, by plugin name and then instance (one per shard and chain). */
    public synchronized Map<String, List<PluginStats>> stats() {
        Map<String, List<PluginStats>> stats = new LinkedHashMap<>();
        for (WasmPlugin p : instances) stats.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(p.stats());
        return stats;
    }

    /** New instances of the plugins {@code wanted} accepts, in load order. */
    private synchronized PluginChain chain(Predicate<WasmPlugin> wanted) {
        List<WasmPlugin> chain = new ArrayList<>();
        for (PluginModule module : modules) {
            WasmPlugin plugin;
            try {
                plugin = WasmPlugin.instantiate(module, watchdog);
            } catch (PluginLoadException e) {
                throw new IllegalStateException(e.getMessage(), e); // it started once already: a host bug
            }
            if (wanted.test(plugin)) {
                chain.add(plugin);
                instances.add(plugin);
            } else {
                plugin.close();
            }
        }
        return new PluginChain(chain, events);
    }

    @Override
    public synchronized void close() {
        instances.forEach(WasmPlugin::close);
        watchdog.close();
    }
}
