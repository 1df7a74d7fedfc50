package io.wirespan.wasm;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A plugin's module, checked and compiled to JVM bytecode once; every pipeline shard makes its
 * own {@link WasmPlugin} instance of it. Only the {@code deepflow} imports and DeepFlow's WASI
 * subset may be imported, with their exact types (ABI §1.1, §6).
 */
public record PluginModule(String name, WasmModule module, Function<Instance, Machine> machine, PluginLimits limits) {

    /** How a module's functions run. */
    public enum Execution {
        /** Compiled to JVM bytecode, with the interpreter for functions too large for a JVM method: the default. */
        COMPILED,
        /** Interpreted only: for comparison (benchmarks). */
        INTERPRETED
    }

    /** @throws PluginLoadException with a message that names what is wrong */
    public static PluginModule compile(String name, byte[] wasm, PluginLimits limits) throws PluginLoadException {
        return compile(name, wasm, limits, Execution.COMPILED);
    }

    /** @throws PluginLoadException with a message that names what is wrong */
    public static PluginModule compile(String name, byte[] wasm, PluginLimits limits, Execution execution)
            throws PluginLoadException {
        if (wasm.length > limits.maxModuleBytes()) {
            throw new PluginLoadException(name + ": module of " + wasm.length + " bytes is over the limit of "
                    + limits.maxModuleBytes());
        }
        WasmModule module;
        try {
            module = Parser.parse(wasm);
        } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new PluginLoadException(name + ": not a valid WebAssembly module: " + e.getMessage(), e);
        }
        checkImports(name, module);
        int initialPages = module.memorySection()
                .map(s -> s.memoryCount() == 0 ? 0 : s.getMemory(0).limits().initialPages()).orElse(0);
        if (initialPages > limits.maxMemoryPages()) {
            throw new PluginLoadException(name + ": declares " + initialPages * 64 + " KiB of memory, over the cap of "
                    + limits.maxMemoryPages() * 64 + " KiB");
        }
        if (execution == Execution.INTERPRETED) return new PluginModule(name, module, InterpreterMachine::new, limits);
        try {
            return new PluginModule(name, module,
                    MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.SILENT).compile(), limits);
        } catch (ChicoryException | IllegalStateException e) {
            throw new PluginLoadException(name + ": does not compile: " + e.getMessage(), e);
        }
    }

    private static void checkImports(String name, WasmModule module) throws PluginLoadException {
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imported = module.importSection().getImport(i);
            String qualified = imported.module() + "." + imported.name();
            Map<String, FunctionType> offered = switch (imported.module()) {
                case AbiImports.MODULE -> AbiImports.TYPES;
                case WasiSubset.MODULE -> WasiSubset.TYPES;
                default -> Map.of();
            };
            FunctionType expected = offered.get(imported.name());
            if (expected == null || imported.importType() != ExternalType.FUNCTION) {
                throw new PluginLoadException(name + ": imports " + qualified + ", which the host does not offer"
                        + " (it offers DeepFlow's deepflow.* functions and its subset of " + WasiSubset.MODULE + ")");
            }
            FunctionType actual = module.typeSection().getType(((FunctionImport) imported).typeIndex());
            if (!actual.typesMatch(expected)) {
                throw new PluginLoadException(name + ": imports " + qualified + " as " + signature(actual) + ", but it is "
                        + signature(expected));
            }
        }
    }

    /** A function type as the WebAssembly text format writes it: {@code (i32, i32) -> (i32)}. */
    static String signature(FunctionType type) {
        return types(type.params()) + " -> " + types(type.returns());
    }

    private static String types(List<ValType> types) {
        return types.stream().map(t -> t.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ", "(", ")"));
    }
}
