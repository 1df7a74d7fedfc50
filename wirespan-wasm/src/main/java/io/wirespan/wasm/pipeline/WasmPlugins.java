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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Wasm plugins of a run, compiled once, and what the engine takes of them: a protocol
 * provider (DeepFlow's {@code Custom}: {@code check_payload} and {@code parse_payload}) and a
 * message hook (the HTTP hooks). Each pipeline shard gets instances of its own, and each plugin
 * is instantiated only in the chains whose hooks it asks for.
 *
 * <p>Plugins can be loaded, replaced and unloaded while traffic flows ({@link #put}, {@link
 * #remove}): each shard picks the new set up at its next plugin call, between two payloads, and
 * the flows and sessions it has go on. DeepFlow rebuilds its whole VM instead, and every flow of a
 * custom protocol loses its parser.
 */
public final class WasmPlugins implements AutoCloseable {
    private final PluginLimits limits;
    private final PluginEvents events;
    private final CallWatchdog watchdog = new CallWatchdog();
    private final List<WasmPlugin> instances = new ArrayList<>();
    private final Map<String, Map<Hook, long[]>> retired = new LinkedHashMap<>();
    private List<PluginModule> modules = List.of();
    private volatile long version;

    public WasmPlugins(PluginLimits limits, PluginEvents events) {
        this.limits = limits;
        this.events = events;
    }

    /**
     * Loads the plugin files in order, each named by its file name; a name already loaded is
     * skipped, as in DeepFlow.
     *
     * @throws PluginLoadException for the first that cannot be read, compiled or started
     */
    public static WasmPlugins load(List<Path> files, PluginLimits limits, PluginEvents events) throws PluginLoadException {
        WasmPlugins plugins = new WasmPlugins(limits, events);
        try {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (plugins.names().contains(name)) continue;
                byte[] wasm;
                try {
                    wasm = Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new PluginLoadException(file + ": cannot read: " + e.getMessage(), e);
                }
                plugins.put(name, wasm);
            }
        } catch (PluginLoadException e) {
            plugins.close();
            throw e;
        }
        return plugins;
    }

    /**
     * Adds plugin {@code name}, or replaces the one of that name in its place in the order. The
     * module is compiled and started once here, so one that cannot run is refused before any shard
     * switches to it, and the plugins loaded before stay as they were.
     */
    public void put(String name, byte[] wasm) throws PluginLoadException {
        PluginModule module = PluginModule.compile(name, wasm, limits);
        WasmPlugin.instantiate(module, watchdog).close();
        synchronized (this) {
            List<PluginModule> next = new ArrayList<>(modules);
            int at = names().indexOf(name);
            if (at >= 0) next.set(at, module);
            else next.add(module);
            modules = List.copyOf(next);
            version++;
        }
    }

    /** Unloads plugin {@code name}; false when there is none. */
    public synchronized boolean remove(String name) {
        int at = names().indexOf(name);
        if (at < 0) return false;
        List<PluginModule> next = new ArrayList<>(modules);
        next.remove(at);
        modules = List.copyOf(next);
        version++;
        return true;
    }

    public synchronized boolean isEmpty() {
        return modules.isEmpty();
    }

    public synchronized List<String> names() {
        return modules.stream().map(PluginModule::name).toList();
    }

    /** The custom-protocol provider, for inference and parsing. */
    public L7ProtocolProvider protocol() {
        return new WasmProtocolProvider(() -> new ShardChain(this, p -> p.wants(Hook.CHECK_PAYLOAD)));
    }

    /** The HTTP hooks, run after native HTTP parsing. */
    public MessageHook httpHook() {
        return new WasmHttpHook(() -> new ShardChain(this, p -> p.wants(Hook.HTTP_REQ) || p.wants(Hook.HTTP_RESP)));
    }

    /**
     * Counters by plugin name: the instances of every shard summed, including instances replaced
     * since (their calls still count); memory is the largest instance's, and disabled says whether
     * any current instance is.
     */
    public synchronized Map<String, PluginStats> stats() {
        Map<String, Map<Hook, long[]>> sums = new LinkedHashMap<>();
        retired.forEach((name, hooks) -> {
            Map<Hook, long[]> copy = sums.computeIfAbsent(name, n -> empty());
            hooks.forEach((hook, s) -> add(copy.get(hook), s));
        });
        Map<String, long[]> memory = new LinkedHashMap<>();
        Map<String, String> disabled = new LinkedHashMap<>();
        for (WasmPlugin p : instances) {
            PluginStats s = p.stats();
            Map<Hook, long[]> sum = sums.computeIfAbsent(p.name(), n -> empty());
            s.hooks().forEach((hook, h) -> add(sum.get(hook), new long[] {h.calls(), h.failures(), h.nanos()}));
            long[] m = memory.computeIfAbsent(p.name(), n -> new long[2]);
            m[0] = Math.max(m[0], s.memoryBytes());
            m[1] += s.restarts();
            if (s.disabled()) disabled.putIfAbsent(p.name(), s.disabledReason());
        }
        Map<String, PluginStats> stats = new LinkedHashMap<>();
        sums.forEach((name, hooks) -> {
            Map<Hook, PluginStats.HookStats> byHook = new EnumMap<>(Hook.class);
            hooks.forEach((hook, s) -> byHook.put(hook, new PluginStats.HookStats(s[0], s[1], s[2])));
            long[] m = memory.getOrDefault(name, new long[2]);
            stats.put(name, new PluginStats(byHook, m[0], m[1], disabled.get(name)));
        });
        return stats;
    }

    long version() {
        return version;
    }

    /** New instances of the current plugins that {@code wanted} accepts, in load order. */
    synchronized PluginChain chain(Predicate<WasmPlugin> wanted) {
        List<WasmPlugin> chain = new ArrayList<>();
        for (PluginModule module : modules) {
            WasmPlugin plugin;
            try {
                plugin = WasmPlugin.instantiate(module, watchdog);
            } catch (PluginLoadException e) {
                // it started when it was put: starting again failing is the plugin's doing (its _start
                // depends on time, say); it is left out of this shard, and said so
                events.disabled(module.name(), e.getMessage());
                continue;
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

    /** A shard stopped using {@code chain}: its instances are closed, their counters kept. */
    synchronized void retire(PluginChain chain) {
        for (WasmPlugin p : chain.plugins()) {
            Map<Hook, long[]> sum = retired.computeIfAbsent(p.name(), n -> empty());
            p.stats().hooks().forEach((hook, h) -> add(sum.get(hook), new long[] {h.calls(), h.failures(), h.nanos()}));
            instances.remove(p);
        }
        chain.close();
    }

    @Override
    public synchronized void close() {
        instances.forEach(WasmPlugin::close);
        instances.clear();
        watchdog.close();
    }

    private static Map<Hook, long[]> empty() {
        Map<Hook, long[]> m = new EnumMap<>(Hook.class);
        for (Hook h : Hook.values()) m.put(h, new long[3]);
        return m;
    }

    private static void add(long[] into, long[] values) {
        for (int i = 0; i < into.length; i++) into[i] += values[i];
    }
}
