package io.wirespan.wasm;

import io.wirespan.wasm.abi.PluginRecord;
import java.util.List;

/**
 * What one plugin's hook call gave back.
 *
 * @param returned the export's return value
 * @param records what it passed to {@code host_read_l7_protocol_info}, empty if nothing
 * @param stringResult what it passed to {@code host_read_str_result} (check_payload's protocol name), or null
 * @param logs its log lines during the call
 * @param nanos the call's wall time
 * @param memoryBytes its linear memory after the call
 */
public record HookResult(int returned, List<PluginRecord> records, String stringResult, List<PluginLog> logs,
                         long nanos, long memoryBytes) {
    public HookResult {
        records = List.copyOf(records);
        logs = List.copyOf(logs);
    }
}
