package io.wirespan.wasm;

import java.util.Map;

/**
 * A plugin's counters since it was loaded: per hook, calls, failures and time; its memory after
 * the last call; the re-instantiations after failures; and whether it is disabled, with why.
 */
public record PluginStats(Map<Hook, HookStats> hooks, long memoryBytes, long restarts, String disabledReason) {
    public record HookStats(long calls, long failures, long nanos) {}

    public boolean disabled() {
        return disabledReason != null;
    }
}
