package io.wirespan.wasm;

import io.wirespan.wasm.abi.BaseContext;
import io.wirespan.wasm.abi.PluginRecord;
import java.util.List;

/**
 * One pipeline shard's plugin instances, in load order, and DeepFlow's rules for offering them an
 * event (ABI §7): each plugin whose bitmap has the hook is called in turn; a failed call is
 * counted and the next plugin is tried; the first that accepts wins.
 */
public final class PluginChain implements AutoCloseable {
    /** What {@code check_payload} decided: the plugin's protocol number, its name, and whether the payload is a response. */
    public record Claim(int number, String name, boolean response) {}

    private final List<WasmPlugin> plugins;
    private final PluginEvents events;

    public PluginChain(List<WasmPlugin> plugins, PluginEvents events) {
        this.plugins = List.copyOf(plugins);
        this.events = events;
    }

    public boolean isEmpty() {
        return plugins.isEmpty();
    }

    public List<WasmPlugin> plugins() {
        return plugins;
    }

    @Override
    public void close() {
        plugins.forEach(WasmPlugin::close);
    }

    /** The first plugin that claims the payload, or null. */
    public Claim check(BaseContext context, byte[] payload) {
        HookCall call = new HookCall(Hook.CHECK_PAYLOAD, context, payload, null);
        for (WasmPlugin plugin : plugins) {
            HookResult result = call(plugin, call);
            if (result == null) continue;
            int value = result.returned();
            int number = value & 0xFF;
            if (number == 0) continue;
            return new Claim(number, result.stringResult() == null ? "" : result.stringResult(), value >>> 8 == 2);
        }
        return null;
    }

    /**
     * The records of the first plugin whose {@code parse_payload} returns 1 (empty if it wrote
     * none), or null when none did. Every plugin with the payload hook is offered the payload: each
     * must check {@code ctx.l7} itself, as in DeepFlow.
     */
    public List<PluginRecord> parse(BaseContext context, byte[] payload) {
        HookCall call = new HookCall(Hook.PARSE_PAYLOAD, context, payload, null);
        for (WasmPlugin plugin : plugins) {
            HookResult result = call(plugin, call);
            if (result != null && result.returned() == 1) return result.records();
        }
        return null;
    }

    /** For the HTTP and custom-message hooks: the last record of the first plugin that returns 1, or null. */
    public PluginRecord hook(HookCall call) {
        for (WasmPlugin plugin : plugins) {
            if (call.part() instanceof io.wirespan.wasm.abi.HookPart.CustomMessage m
                    && !plugin.wantsCustomMessage(m.hookPoint(), m.typeCode())) {
                continue;
            }
            HookResult result = call(plugin, call);
            if (result != null && result.returned() == 1) return result.records().isEmpty() ? null : result.records().getLast();
        }
        return null;
    }

    /** The plugin's result, or null when it does not want the hook or failed (which is reported). */
    private HookResult call(WasmPlugin plugin, HookCall call) {
        if (!plugin.wants(call.hook())) return null;
        try {
            HookResult result = plugin.call(call);
            for (PluginLog line : result.logs()) events.log(plugin.name(), line);
            return result;
        } catch (PluginCallException e) {
            events.failed(plugin.name(), call.hook(), e.getMessage());
            if (plugin.stats().disabled()) events.disabled(plugin.name(), plugin.stats().disabledReason());
            return null;
        }
    }
}
