package io.wirespan.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.wirespan.wasm.abi.HookPart;
import io.wirespan.wasm.abi.MalformedResultException;
import io.wirespan.wasm.abi.ResultDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The functions of import module {@code deepflow} (ABI §2), bound to one plugin's call state.
 * Every one but {@code wasm_log} first checks that {@code [ptr, ptr + len)} lies in the calling
 * instance's memory, with 64-bit arithmetic, and fails with 0 otherwise.
 */
final class AbiImports {
    static final String MODULE = "deepflow";

    private static final FunctionType POINTER_AND_LENGTH = FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));

    /** Each import's exact type: a module that imports one with another type is refused. */
    static final Map<String, FunctionType> TYPES = Map.of(
            "wasm_log", FunctionType.of(List.of(ValType.I32, ValType.I32, ValType.I32), List.of()),
            "vm_read_ctx_base", POINTER_AND_LENGTH,
            "vm_read_payload", POINTER_AND_LENGTH,
            "vm_read_http_req_info", POINTER_AND_LENGTH,
            "vm_read_http_resp_info", POINTER_AND_LENGTH,
            "vm_read_custom_message_info", POINTER_AND_LENGTH,
            "host_read_l7_protocol_info", POINTER_AND_LENGTH,
            "host_read_str_result", POINTER_AND_LENGTH);

    private AbiImports() {}

    static List<HostFunction> bind(CallState state) {
        return List.of(
                new HostFunction(MODULE, "wasm_log", TYPES.get("wasm_log"), (instance, args) -> {
                    log(state, instance.memory(), args);
                    return null;
                }),
                guarded("vm_read_ctx_base", state, (call, room) -> {
                    byte[] base = call.context().serialize();
                    return base.length <= room ? base : null;
                }),
                new HostFunction(MODULE, "vm_read_payload", POINTER_AND_LENGTH, (instance, args) -> {
                    Memory memory = instance.memory();
                    if (state.call == null || !inMemory(memory, args)) return result(0);
                    byte[] payload = state.call.payload();
                    if (payload.length > (int) args[1] || (int) args[1] < 0) return result(-1);
                    memory.write((int) args[0], payload);
                    return result(payload.length);
                }),
                guarded("vm_read_http_req_info", state, (call, room) ->
                        call.part() instanceof HookPart.HttpRequest part ? part.serialize(room) : null),
                guarded("vm_read_http_resp_info", state, (call, room) ->
                        call.part() instanceof HookPart.HttpResponse part ? part.serialize(room) : null),
                guarded("vm_read_custom_message_info", state, (call, room) ->
                        call.part() instanceof HookPart.CustomMessage part ? part.serialize(room) : null),
                new HostFunction(MODULE, "host_read_l7_protocol_info", POINTER_AND_LENGTH, (instance, args) -> {
                    Memory memory = instance.memory();
                    if (state.call == null || !inMemory(memory, args)) return result(0);
                    try {
                        state.records = ResultDecoder.decode(memory.readBytes((int) args[0], (int) args[1]),
                                state.call.context().direction());
                        return result(1);
                    } catch (MalformedResultException e) {
                        state.malformedResult = "host_read_l7_protocol_info: " + e.getMessage();
                        return result(0);
                    }
                }),
                new HostFunction(MODULE, "host_read_str_result", POINTER_AND_LENGTH, (instance, args) -> {
                    Memory memory = instance.memory();
                    if (state.call == null || !inMemory(memory, args)) return result(0);
                    try {
                        state.stringResult = ResultDecoder.lengthPrefixedString(memory.readBytes((int) args[0], (int) args[1]));
                        return result(1);
                    } catch (MalformedResultException e) {
                        state.malformedResult = "host_read_str_result: " + e.getMessage();
                        return result(0);
                    }
                }));
    }

    /**
     * An import that serialises something of the current call into the guest's buffer: 0 when
     * there is no call, the range is outside memory or {@code serialize} gives null (wrong hook,
     * buffer too small); else the bytes written.
     */
    private static HostFunction guarded(String name, CallState state, BiFunction<HookCall, Integer, byte[]> serialize) {
        return new HostFunction(MODULE, name, POINTER_AND_LENGTH, (instance, args) -> {
            Memory memory = instance.memory();
            if (state.call == null || !inMemory(memory, args)) return result(0);
            byte[] bytes = serialize.apply(state.call, (int) args[1]);
            if (bytes == null) return result(0);
            memory.write((int) args[0], bytes);
            return result(bytes.length);
        });
    }

    private static void log(CallState state, Memory memory, long[] args) {
        if (!inMemory(memory, args)) {
            state.log(PluginLog.Level.WARN, "host: wasm_log outside memory");
            return;
        }
        // Only what a log line keeps is read, so a plugin logging megabytes costs no more than a line.
        int kept = (int) Math.min(args[1] & 0xFFFF_FFFFL, CallState.MAX_LOG_LINE + 1);
        String message = new String(memory.readBytes((int) args[0], kept), StandardCharsets.UTF_8);
        switch ((int) args[2]) {
            case 0 -> state.log(PluginLog.Level.INFO, message);
            case 1 -> state.log(PluginLog.Level.WARN, message);
            case 2 -> state.log(PluginLog.Level.ERROR, message);
            default -> state.log(PluginLog.Level.WARN, "unknown level " + (int) args[2] + ": " + message);
        }
    }

    static boolean inMemory(Memory memory, long[] args) {
        long pointer = args[0] & 0xFFFF_FFFFL, length = args[1] & 0xFFFF_FFFFL;
        return pointer + length <= (long) memory.pages() * Memory.PAGE_SIZE;
    }

    static long[] result(long value) {
        return new long[] {value};
    }
}
