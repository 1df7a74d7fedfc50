package io.wirespan.wasm.pipeline;

import io.wirespan.wasm.PluginChain;
import io.wirespan.wasm.WasmPlugin;
import java.util.function.Predicate;

/**
 * One shard's chain of the plugins that want some hooks, kept current: when the plugin set changed
 * (a plugin loaded, replaced or unloaded at run time), the next call builds the chain anew from
 * the current modules and retires the old instances. Flows keep their parser and their claim, so
 * open sessions go on with the new code.
 */
final class ShardChain {
    private final WasmPlugins plugins;
    private final Predicate<WasmPlugin> wanted;
    private PluginChain chain;
    private long version = -1;

    ShardChain(WasmPlugins plugins, Predicate<WasmPlugin> wanted) {
        this.plugins = plugins;
        this.wanted = wanted;
    }

    PluginChain current() {
        long now = plugins.version();
        if (now != version) {
            if (chain != null) plugins.retire(chain);
            chain = plugins.chain(wanted);
            version = now;
        }
        return chain;
    }
}
