package io.wirespan.wasm;

import java.time.Duration;

/**
 * What a plugin may use: DeepFlow sets no limits, which its users name as a pain; these are
 * Wirespan's, with defaults generous enough for any parser that does its work per packet.
 *
 * @param callBudget wall time one hook call may take before it is interrupted and counted as failed
 * @param startBudget wall time {@code _start} (the plugin's initialisation) may take
 * @param maxMemoryBytes the most linear memory a plugin may grow to; a module that declares more
 *     initially is refused
 * @param maxConsecutiveFailures failed calls in a row after which the plugin is disabled
 * @param maxModuleBytes the largest {@code .wasm} accepted
 */
public record PluginLimits(Duration callBudget, Duration startBudget, long maxMemoryBytes, int maxConsecutiveFailures,
                           int maxModuleBytes) {
    public static final PluginLimits DEFAULTS =
            new PluginLimits(Duration.ofMillis(100), Duration.ofSeconds(10), 64L << 20, 10, 32 << 20);

    public PluginLimits {
        if (callBudget.isNegative() || callBudget.isZero()) throw new IllegalArgumentException("call budget must be positive");
        if (startBudget.isNegative() || startBudget.isZero()) throw new IllegalArgumentException("start budget must be positive");
        if (maxMemoryBytes < 65536) throw new IllegalArgumentException("memory cap below one 64 KiB page");
        if (maxConsecutiveFailures < 1) throw new IllegalArgumentException("failures before disabling must be at least 1");
    }

    int maxMemoryPages() {
        return (int) Math.min(maxMemoryBytes >> 16, 65536);
    }
}
