package io.wirespan.wasm;

import io.wirespan.wasm.abi.PluginRecord;
import java.util.ArrayList;
import java.util.List;

/** The host side of the call in progress, which the imported functions read from and write to. */
final class CallState {
    /** Bounds what one call may log, so a chatty plugin cannot fill the heap. */
    static final int MAX_LOG_LINES = 64, MAX_LOG_LINE = 4096;

    HookCall call; // null between calls: the hook-specific imports then fail
    List<PluginRecord> records = List.of();
    String stringResult;
    /** Why a result the plugin handed over did not decode: the call then fails, as garbage counts as a failure. */
    String malformedResult;
    final List<PluginLog> logs = new ArrayList<>();
    int droppedLogs;

    void begin(HookCall call) {
        this.call = call;
        records = List.of();
        stringResult = null;
        malformedResult = null;
        logs.clear();
        droppedLogs = 0;
    }

    void end() {
        call = null;
    }

    void log(PluginLog.Level level, String message) {
        if (logs.size() >= MAX_LOG_LINES) {
            droppedLogs++;
            return;
        }
        logs.add(new PluginLog(level, message.length() > MAX_LOG_LINE ? message.substring(0, MAX_LOG_LINE) + "…" : message));
    }
}
