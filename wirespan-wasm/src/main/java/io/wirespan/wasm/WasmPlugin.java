package io.wirespan.wasm;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One loaded plugin: its module compiled to JVM bytecode, one instance of it, and its counters.
 * Single-threaded like DeepFlow's VM (one per pipeline shard); calls never re-enter.
 *
 * <p>Loading follows the agent (ABI §1.1): {@link PluginModule} checks the imports; here
 * {@code memory}, the five hook exports and {@code _start} must be exported, {@code _start} runs
 * once, and the hook bitmap and custom-message hook are read. Beyond DeepFlow: each call has a time budget and memory a cap, a failed call
 * leaves a fresh instance behind (a trapped guest's heap cannot be trusted), and enough failures
 * in a row disable the plugin.
 */
public final class WasmPlugin implements AutoCloseable {
    private static final List<String> REQUIRED_HOOKS =
            List.of("on_http_req", "on_http_resp", "check_payload", "parse_payload", "get_hook_bitmap");
    private static final FunctionType RETURNS_I32 = FunctionType.of(List.of(), List.of(ValType.I32));

    private final String name;
    private final WasmModule module;
    private final Function<Instance, Machine> machine;
    private final PluginLimits limits;
    private final CallWatchdog watchdog;
    private final CallWatchdog.Deadline deadline;
    private final CallState state = new CallState();
    private final ImportValues imports;
    private final Map<Hook, long[]> hookStats = new EnumMap<>(Hook.class); // calls, failures, nanos
    private Instance instance;
    private HookBitmap hooks = HookBitmap.NONE;
    private Long customMessageHook;
    private long memoryBytes;
    private long restarts;
    private int consecutiveFailures;
    private String disabledReason;

    private WasmPlugin(String name, WasmModule module, Function<Instance, Machine> machine, PluginLimits limits,
                       CallWatchdog watchdog) {
        this.name = name;
        this.module = module;
        this.machine = machine;
        this.limits = limits;
        this.watchdog = watchdog;
        this.deadline = watchdog.deadline();
        List<HostFunction> functions = new ArrayList<>(AbiImports.bind(state));
        functions.addAll(WasiSubset.bind(state));
        this.imports = ImportValues.builder().withFunctions(List.copyOf(functions)).build();
        for (Hook h : Hook.values()) hookStats.put(h, new long[3]);
    }

    /**
     * Loads {@code wasm} as plugin {@code name}: checks, compiles, instantiates and starts it.
     *
     * @throws PluginLoadException with a message that names what is wrong
     */
    public static WasmPlugin load(String name, byte[] wasm, PluginLimits limits, CallWatchdog watchdog)
            throws PluginLoadException {
        return instantiate(PluginModule.compile(name, wasm, limits), watchdog);
    }

    /** A new instance of a compiled module, started: one per pipeline shard. */
    public static WasmPlugin instantiate(PluginModule module, CallWatchdog watchdog) throws PluginLoadException {
        WasmPlugin plugin = new WasmPlugin(module.name(), module.module(), module.machine(), module.limits(), watchdog);
        try {
            plugin.start();
        } catch (PluginLoadException e) {
            plugin.close();
            throw e;
        }
        return plugin;
    }

    public String name() {
        return name;
    }

    public HookBitmap hooks() {
        return hooks;
    }

    /** True when this plugin wants {@code hook} called and is not disabled. */
    public boolean wants(Hook hook) {
        if (disabledReason != null || !hooks.has(hook)) return false;
        return hook != Hook.CUSTOM_MESSAGE || customMessageHook != null;
    }

    /** True when it wants custom messages of this hook point from the parser of protocol {@code typeCode} (ABI §4.2). */
    public boolean wantsCustomMessage(int hookPoint, long typeCode) {
        if (!wants(Hook.CUSTOM_MESSAGE)) return false;
        long hook = customMessageHook;
        if ((hook >>> 48) != 0) return true;
        return (hook >>> 32 & 0xFFFF) == hookPoint && (hook & 0xFFFF_FFFFL) == typeCode;
    }

    /**
     * Calls the export of {@code call}'s hook.
     *
     * @throws PluginCallException when it traps, overruns its budget or breaks the return convention;
     *     the plugin then runs on a fresh instance, or is disabled after too many failures in a row
     */
    public HookResult call(HookCall call) throws PluginCallException {
        if (disabledReason != null) throw new PluginCallException(name + " is disabled: " + disabledReason);
        long[] stats = hookStats.get(call.hook());
        stats[0]++;
        state.begin(call);
        long started = System.nanoTime();
        int returned;
        try {
            returned = invoke(call.hook().export(), limits.callBudget().toNanos());
            checkReturn(call.hook(), returned);
            if (state.malformedResult != null) {
                throw new PluginCallException(call.hook().export() + " handed over a result that does not decode: "
                        + state.malformedResult);
            }
        } catch (PluginCallException e) {
            stats[1]++;
            stats[2] += System.nanoTime() - started;
            fail(e.getMessage());
            throw e;
        } finally {
            state.end();
        }
        long nanos = System.nanoTime() - started;
        stats[2] += nanos;
        consecutiveFailures = 0;
        memoryBytes = (long) instance.memory().pages() * Memory.PAGE_SIZE;
        if (state.droppedLogs > 0) {
            state.logs.add(new PluginLog(PluginLog.Level.WARN, "host: " + state.droppedLogs + " more log lines of this call dropped"));
        }
        return new HookResult(returned, state.records, state.stringResult, state.logs, nanos, memoryBytes);
    }

    public PluginStats stats() {
        Map<Hook, PluginStats.HookStats> byHook = new EnumMap<>(Hook.class);
        hookStats.forEach((hook, s) -> byHook.put(hook, new PluginStats.HookStats(s[0], s[1], s[2])));
        return new PluginStats(byHook, memoryBytes, restarts, disabledReason);
    }

    @Override
    public void close() {
        watchdog.forget(deadline);
        instance = null;
    }

    // ---- loading ----

    private void start() throws PluginLoadException {
        try {
            instantiate();
        } catch (PluginCallException e) {
            throw new PluginLoadException(name + ": " + e.getMessage(), e);
        }
        if (!exportsMemory()) throw new PluginLoadException(name + ": exports no memory named \"memory\"");
        for (String export : REQUIRED_HOOKS) requireExport(export, RETURNS_I32);
        requireExport("_start", FunctionType.empty());
        try {
            invoke("_start", limits.startBudget().toNanos());
            hooks = readHookBitmap();
            if (exportType("on_custom_message") != null && exportType("get_custom_message_hook") != null) {
                int pointer = invoke("get_custom_message_hook", limits.callBudget().toNanos());
                customMessageHook = pointer == 0 ? null : readBigEndian(pointer, 8, "get_custom_message_hook")[0];
            }
        } catch (PluginCallException e) {
            throw new PluginLoadException(name + ": " + e.getMessage(), e);
        }
    }

    private void instantiate() throws PluginCallException {
        int cap = limits.maxMemoryPages();
        try {
            instance = Instance.builder(module)
                    .withImportValues(imports)
                    .withMachineFactory(machine)
                    .withMemoryFactory(declared -> new ByteArrayMemory(
                            new MemoryLimits(declared.initialPages(), Math.min(declared.maximumPages(), cap))))
                    .withStart(false)
                    .build();
        } catch (ChicoryException | IllegalArgumentException e) {
            throw new PluginCallException("does not instantiate: " + e.getMessage(), e);
        }
    }

    private boolean exportsMemory() {
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            var export = module.exportSection().getExport(i);
            if (export.name().equals("memory") && export.exportType() == ExternalType.MEMORY) return true;
        }
        return false;
    }

    private void requireExport(String export, FunctionType type) throws PluginLoadException {
        FunctionType actual = exportType(export);
        if (actual == null) throw new PluginLoadException(name + ": does not export " + export);
        if (!actual.typesMatch(type)) throw new PluginLoadException(name + ": exports " + export + " as " + PluginModule.signature(actual) + ", not "
                    + PluginModule.signature(type));
    }

    /** The type of exported function {@code export}, or null when there is none of that name. */
    private FunctionType exportType(String export) {
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            if (module.exportSection().getExport(i).name().equals(export)
                    && module.exportSection().getExport(i).exportType() == ExternalType.FUNCTION) {
                return instance.exportType(export);
            }
        }
        return null;
    }

    private HookBitmap readHookBitmap() throws PluginCallException {
        int pointer = invoke("get_hook_bitmap", limits.callBudget().toNanos());
        if (pointer == 0) return HookBitmap.NONE;
        long[] words = readBigEndian(pointer, 16, "get_hook_bitmap");
        return new HookBitmap(words[0], words[1]);
    }

    /** {@code bytes / 8} big-endian u64 at {@code pointer}. */
    private long[] readBigEndian(int pointer, int bytes, String export) throws PluginCallException {
        if (!AbiImports.inMemory(instance.memory(), new long[] {pointer, bytes})) {
            throw new PluginCallException(export + " points outside memory: " + Integer.toUnsignedString(pointer));
        }
        byte[] raw = instance.memory().readBytes(pointer, bytes);
        long[] words = new long[bytes / 8];
        for (int i = 0; i < raw.length; i++) words[i / 8] = words[i / 8] << 8 | raw[i] & 0xFF;
        return words;
    }

    // ---- calling ----

    private int invoke(String export, long budgetNanos) throws PluginCallException {
        long[] result;
        deadline.start(budgetNanos);
        try {
            result = instance.export(export).apply();
        } catch (WasiSubset.ProcExit exit) {
            deadline.stop();
            if (exit.code == 0 && export.equals("_start")) return 0; // TinyGo may exit cleanly from main
            throw new PluginCallException(export + " called proc_exit(" + exit.code + ")");
        } catch (ChicoryInterruptedException e) {
            deadline.stop();
            throw new PluginCallException(export + " ran over its budget of " + budgetNanos / 1_000_000 + " ms");
        } catch (ChicoryException | StackOverflowError | ArithmeticException | IndexOutOfBoundsException e) {
            deadline.stop();
            throw new PluginCallException(export + " trapped: " + describe(e), e);
        }
        if (deadline.stop()) throw new PluginCallException(export + " ran over its budget of " + budgetNanos / 1_000_000 + " ms");
        return result == null || result.length == 0 ? 0 : (int) result[0];
    }

    private static void checkReturn(Hook hook, int returned) throws PluginCallException {
        if (hook == Hook.CHECK_PAYLOAD) {
            if (Integer.compareUnsigned(returned, 0xFF) > 0 && (returned >>> 8) > 2) {
                throw new PluginCallException("check_payload returned " + returned + ": direction " + (returned >>> 8)
                        + " is neither 1 (request) nor 2 (response)");
            }
        } else if (returned != 0 && returned != 1) {
            throw new PluginCallException(hook.export() + " returned " + returned + ", neither 0 (next plugin) nor 1 (done)");
        }
    }

    private void fail(String why) {
        consecutiveFailures++;
        if (consecutiveFailures >= limits.maxConsecutiveFailures()) {
            disabledReason = consecutiveFailures + " failed calls in a row, the last: " + why;
            instance = null;
            return;
        }
        try {
            instantiate();
            invoke("_start", limits.startBudget().toNanos());
            restarts++;
        } catch (PluginCallException e) {
            disabledReason = "could not restart after a failed call: " + e.getMessage();
            instance = null;
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof StackOverflowError) return "call stack exhausted";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
