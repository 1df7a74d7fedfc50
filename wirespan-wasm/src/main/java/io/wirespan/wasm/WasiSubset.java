package io.wirespan.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The 18 {@code wasi_snapshot_preview1} functions DeepFlow links (ABI §6), with its empty context:
 * no arguments, no environment, no pre-opened directories, no files. Standard output and error
 * are not discarded but kept as the call's log lines, which helps plugin authors more.
 */
final class WasiSubset {
    static final String MODULE = "wasi_snapshot_preview1";

    private static final int SUCCESS = 0, EBADF = 8, EINVAL = 28;

    private static final ValType I32 = ValType.I32, I64 = ValType.I64;

    static final Map<String, FunctionType> TYPES = Map.ofEntries(
            Map.entry("clock_time_get", type(List.of(I32, I64, I32))),
            Map.entry("args_sizes_get", type(List.of(I32, I32))),
            Map.entry("args_get", type(List.of(I32, I32))),
            Map.entry("environ_get", type(List.of(I32, I32))),
            Map.entry("environ_sizes_get", type(List.of(I32, I32))),
            Map.entry("fd_close", type(List.of(I32))),
            Map.entry("fd_fdstat_get", type(List.of(I32, I32))),
            Map.entry("fd_filestat_get", type(List.of(I32, I32))),
            Map.entry("fd_pread", type(List.of(I32, I32, I32, I64, I32))),
            Map.entry("fd_prestat_get", type(List.of(I32, I32))),
            Map.entry("fd_prestat_dir_name", type(List.of(I32, I32, I32))),
            Map.entry("fd_read", type(List.of(I32, I32, I32, I32))),
            Map.entry("fd_seek", type(List.of(I32, I64, I32, I32))),
            Map.entry("fd_write", type(List.of(I32, I32, I32, I32))),
            Map.entry("path_open", type(List.of(I32, I32, I32, I32, I32, I64, I64, I32, I32))),
            Map.entry("path_readlink", type(List.of(I32, I32, I32, I32, I32, I32))),
            Map.entry("proc_exit", FunctionType.of(List.of(I32), List.of())),
            Map.entry("sched_yield", type(List.of())));

    /** {@code proc_exit}: the guest asked to stop; {@code _start} treats code 0 as success. */
    static final class ProcExit extends RuntimeException {
        final int code;

        ProcExit(int code) {
            super("proc_exit(" + code + ")", null, false, false);
            this.code = code;
        }
    }

    private WasiSubset() {}

    static List<HostFunction> bind(CallState state) {
        List<HostFunction> functions = new ArrayList<>();
        for (Map.Entry<String, FunctionType> e : TYPES.entrySet()) {
            functions.add(new HostFunction(MODULE, e.getKey(), e.getValue(), handle(e.getKey(), state)));
        }
        return functions;
    }

    private static WasmFunctionHandle handle(String name, CallState state) {
        return switch (name) {
            case "clock_time_get" -> (instance, args) -> {
                long nanos = (int) args[0] == 0 ? System.currentTimeMillis() * 1_000_000 : System.nanoTime();
                return writeU64(instance.memory(), args[2], nanos);
            };
            case "args_sizes_get", "environ_sizes_get" -> (instance, args) -> {
                // no arguments, no variables: two zero counts
                Memory memory = instance.memory();
                if (!fits(memory, args[0], 4) || !fits(memory, args[1], 4)) return errno(EINVAL);
                memory.writeI32((int) args[0], 0);
                memory.writeI32((int) args[1], 0);
                return errno(SUCCESS);
            };
            case "args_get", "environ_get", "sched_yield" -> (instance, args) -> errno(SUCCESS);
            case "fd_write" -> (instance, args) -> write(state, instance.memory(), args);
            case "proc_exit" -> (instance, args) -> {
                throw new ProcExit((int) args[0]);
            };
            // no descriptor exists: fd_prestat_get(3) failing with EBADF ends TinyGo's probing
            default -> (instance, args) -> errno(EBADF);
        };
    }

    /** Writes to fd 1 and 2 become log lines (info and warn); every other descriptor is bad. */
    private static long[] write(CallState state, Memory memory, long[] args) {
        int fd = (int) args[0];
        if (fd != 1 && fd != 2) return errno(EBADF);
        long iovs = args[1] & 0xFFFF_FFFFL, count = args[2] & 0xFFFF_FFFFL;
        if (count > 1024 || !fits(memory, iovs, count * 8) || !fits(memory, args[3], 4)) return errno(EINVAL);
        StringBuilder text = new StringBuilder();
        long written = 0;
        for (int i = 0; i < count; i++) {
            long base = memory.readInt((int) (iovs + 8L * i)) & 0xFFFF_FFFFL;
            long length = memory.readInt((int) (iovs + 8L * i + 4)) & 0xFFFF_FFFFL;
            if (!fits(memory, base, length)) return errno(EINVAL);
            int kept = (int) Math.min(length, Math.max(0, CallState.MAX_LOG_LINE + 1 - text.length()));
            if (kept > 0) text.append(new String(memory.readBytes((int) base, kept), StandardCharsets.UTF_8));
            written += length;
        }
        String message = text.toString().strip();
        if (!message.isEmpty()) state.log(fd == 1 ? PluginLog.Level.INFO : PluginLog.Level.WARN, message);
        memory.writeI32((int) args[3], (int) written);
        return errno(SUCCESS);
    }

    private static long[] writeU64(Memory memory, long pointer, long value) {
        if (!fits(memory, pointer, 8)) return errno(EINVAL);
        memory.writeLong((int) pointer, value);
        return errno(SUCCESS);
    }

    private static boolean fits(Memory memory, long pointer, long length) {
        return (pointer & 0xFFFF_FFFFL) + length <= (long) memory.pages() * Memory.PAGE_SIZE;
    }

    private static long[] errno(int code) {
        return new long[] {code};
    }

    private static FunctionType type(List<ValType> params) {
        return FunctionType.of(params, List.of(I32));
    }
}
