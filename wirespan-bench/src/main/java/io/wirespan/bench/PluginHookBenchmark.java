package io.wirespan.bench;

import io.wirespan.api.Direction;
import io.wirespan.api.ResponseStatus;
import io.wirespan.wasm.CPlugins;
import io.wirespan.wasm.CallWatchdog;
import io.wirespan.wasm.Hook;
import io.wirespan.wasm.HookCall;
import io.wirespan.wasm.HookResult;
import io.wirespan.wasm.PluginCallException;
import io.wirespan.wasm.PluginLimits;
import io.wirespan.wasm.PluginLoadException;
import io.wirespan.wasm.PluginModule;
import io.wirespan.wasm.WasmPlugin;
import io.wirespan.wasm.abi.BaseContext;
import io.wirespan.wasm.abi.HookPart;
import io.wirespan.wasm.abi.ProtoWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one plugin call, host and guest: {@code plugins/examples/every-hook} (C SDK) on each
 * hook, its module compiled to JVM bytecode (the default) or interpreted. A call serialises the
 * context and the hook's part, runs the export with its deadline armed, lets the guest read them
 * and hand one result back, and decodes it. The goal is 2 µs or less per call, compiled.
 *
 * <p>Not final: JMH generates subclasses of its state classes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PluginHookBenchmark {
    @Param({"CHECK_PAYLOAD", "PARSE_PAYLOAD", "HTTP_REQ", "HTTP_RESP", "CUSTOM_MESSAGE"})
    public Hook hook;

    @Param({"COMPILED", "INTERPRETED"})
    public PluginModule.Execution execution;

    private static final int PLUGIN_PROTOCOL = 9, HTTP1 = 20, NATS = 104;

    private CallWatchdog watchdog;
    private WasmPlugin plugin;
    private HookCall call;

    @Setup(Level.Trial)
    public void load() throws IOException, PluginLoadException {
        byte[] wasm = Files.readAllBytes(CPlugins.compile(ProjectFiles.root().resolve("plugins"), "every-hook"));
        watchdog = new CallWatchdog();
        plugin = WasmPlugin.instantiate(PluginModule.compile("every-hook", wasm, PluginLimits.DEFAULTS, execution), watchdog);
        call = switch (hook) {
            case CHECK_PAYLOAD -> new HookCall(hook, context(0, Direction.CLIENT_TO_SERVER), ascii("PING /status\r\n"), null);
            case PARSE_PAYLOAD -> new HookCall(hook, context(PLUGIN_PROTOCOL, Direction.CLIENT_TO_SERVER), ascii("PING /status\r\n"), null);
            case HTTP_REQ -> new HookCall(hook, context(HTTP1, Direction.CLIENT_TO_SERVER), new byte[0],
                    new HookPart.HttpRequest("/api/orders?trace=4bf92f3577b34da6a3ce929d0e0e4736", "shop.example",
                            "curl/8.5.0", "https://shop.example/"));
            case HTTP_RESP -> new HookCall(hook, context(HTTP1, Direction.SERVER_TO_CLIENT), new byte[0],
                    new HookPart.HttpResponse(200, ResponseStatus.OK, "/admin/users"));
            case CUSTOM_MESSAGE -> new HookCall(hook, context(NATS, Direction.CLIENT_TO_SERVER), new byte[0],
                    new HookPart.CustomMessage(HookPart.CustomMessage.PROTOCOL_PARSE, NATS,
                            new ProtoWriter().string(1, "orders.new").bytes(3, ascii("{\"id\":4711,\"n\":1}")).toByteArray()));
        };
        // Every call must do its work, or the figure would be that of a refusal.
        HookResult first = call();
        if (first.returned() == 0 || hook != Hook.CHECK_PAYLOAD && first.records().isEmpty()) {
            throw new IllegalStateException(hook + " did not hand a result back: " + first);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        plugin.close();
        watchdog.close();
    }

    @Benchmark
    public HookResult call() {
        try {
            return plugin.call(call);
        } catch (PluginCallException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BaseContext context(int l7, Direction direction) {
        return new BaseContext(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 2}, 40000, 8080, BaseContext.TCP, l7,
                BaseContext.EBPF_NONE, 1_700_000_000_000_000L, direction, "", 7, 1024);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
