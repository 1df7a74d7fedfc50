package io.wirespan.cli;

import io.wirespan.wasm.Hook;
import io.wirespan.wasm.PluginEvents;
import io.wirespan.wasm.PluginLog;
import io.wirespan.wasm.PluginStats;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Tells people on stderr what Wasm plugins do: their log lines and failed calls, the first ones
 * of each plugin (a plugin logging per packet would drown everything else; the rest are counted),
 * and every plugin that is disabled. Shards call it from their threads.
 */
final class PluginReporter implements PluginEvents {
    private static final int SHOWN_PER_PLUGIN = 20;

    private final PrintStream err;
    private final Map<String, Integer> shown = new HashMap<>();
    private final Map<String, Long> hidden = new HashMap<>();

    PluginReporter(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void log(String plugin, PluginLog line) {
        show(plugin, line.level().name().toLowerCase(Locale.ROOT) + ": " + line.message());
    }

    @Override
    public synchronized void failed(String plugin, Hook hook, String why) {
        show(plugin, "failed: " + why);
    }

    @Override
    public synchronized void disabled(String plugin, String reason) {
        err.println("wirespan: plugin " + plugin + " disabled: " + reason);
    }

    /** One line per plugin with lines not shown, for the end of the run. */
    synchronized void printHidden() {
        hidden.forEach((plugin, n) -> err.println("wirespan: plugin " + plugin + ": " + n + " more log lines and failures not shown"));
    }

    /** Per plugin: calls, failures and time of each hook it was called for, over every shard; memory and state. */
    void printStats(Map<String, PluginStats> stats) {
        stats.forEach((plugin, s) -> {
            StringBuilder line = new StringBuilder("wirespan: plugin " + plugin + ":");
            s.hooks().forEach((hook, h) -> {
                if (h.calls() > 0) {
                    line.append(String.format(Locale.ROOT, " %s %,d calls (%,d failed, %.1f ms),", hook.export(), h.calls(),
                            h.failures(), h.nanos() / 1e6));
                }
            });
            line.append(String.format(Locale.ROOT, " memory %.1f MiB per instance", s.memoryBytes() / 1048576.0));
            if (s.restarts() > 0) line.append(", restarted ").append(s.restarts()).append(" times after failures");
            if (s.disabled()) line.append(", disabled");
            err.println(line);
        });
    }

    private void show(String plugin, String text) {
        int n = shown.merge(plugin, 1, Integer::sum);
        if (n <= SHOWN_PER_PLUGIN) err.println("wirespan: plugin " + plugin + ": " + text);
        else hidden.merge(plugin, 1L, Long::sum);
    }
}
