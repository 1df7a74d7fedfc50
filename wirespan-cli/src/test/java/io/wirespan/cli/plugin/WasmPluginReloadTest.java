package io.wirespan.cli.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CallLog;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.capture.CaptureFiles;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.capture.RawPacket;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.pipeline.EngineSettings;
import io.wirespan.engine.pipeline.Pipeline;
import io.wirespan.engine.protocol.L7Engine;
import io.wirespan.engine.protocol.L7Settings;
import io.wirespan.engine.testing.CapturePackets;
import io.wirespan.engine.testing.TestFrames;
import io.wirespan.wasm.CPlugins;
import io.wirespan.wasm.PluginEvents;
import io.wirespan.wasm.PluginLimits;
import io.wirespan.wasm.PluginLoadException;
import io.wirespan.wasm.Wat;
import io.wirespan.wasm.pipeline.WasmPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Wasm plugin replaced and then unloaded while a flow of its protocol is open: the flow keeps
 * its parser, the exchange that spans the replacement is still one call log, the calls after it
 * run the new code, and after the unload nothing claims or parses the protocol any more.
 */
class WasmPluginReloadTest {
    @TempDir
    Path temp;

    /**
     * Reloading is what these tests are about, not budgets: a first call into a module compiled a
     * moment ago may take longer than the default 100 ms on a busy machine, and a failed call
     * would read as a lost session.
     */
    private static final PluginLimits UNHURRIED = new PluginLimits(Duration.ofSeconds(10), Duration.ofSeconds(30),
            PluginLimits.DEFAULTS.maxMemoryBytes(), PluginLimits.DEFAULTS.maxConsecutiveFailures(), PluginLimits.DEFAULTS.maxModuleBytes());

    @Test
    void replacingAndUnloadingAPluginMidFlowLosesNoOpenSession() throws Exception {
        byte[] v1 = Files.readAllBytes(CPlugins.compile("hello", "HELLO_TRACE_ID=\"v1\""));
        byte[] v2 = Files.readAllBytes(CPlugins.compile("hello", "HELLO_TRACE_ID=\"v2\""));
        Path capture = temp.resolve("hello.pcap");
        Conversation c = new Conversation(40000);
        c.request("HELLO alice\n").reply("OK hi alice\n").request("HELLO bob\n");   // frames 0-2
        c.reply("OK hi bob\n").request("HELLO carol\n").reply("ERR no such person\n"); // frames 3-5, after the replacement
        c.request("HELLO dave\n").reply("OK hi dave\n");                           // frames 6-7, after the unload
        Conversation late = new Conversation(40001);
        late.request("HELLO erin\n").reply("OK hi erin\n");                         // a new flow after the unload
        List<CapturePackets.TimedFrame> frames = new ArrayList<>(c.frames);
        frames.addAll(late.frames);
        CapturePackets.writePcap(capture, TestFrames.LINKTYPE_IPV4, frames);

        List<CallLog> logs;
        try (WasmPlugins plugins = new WasmPlugins(UNHURRIED, PluginEvents.SILENT)) {
            plugins.put("hello", v1);
            logs = parse(capture, plugins, Map.of(
                    3, () -> put(plugins, "hello", v2),
                    6, () -> plugins.remove("hello")));
            assertThat(plugins.stats().get("hello").hooks().values()).anyMatch(h -> h.calls() > 0);
        }

        assertThat(logs).extracting(CallLog::requestResource).containsExactly("alice", "bob", "carol");
        assertThat(logs).extracting(CallLog::traceId).containsExactly("v1", "v2", "v2");
        assertThat(logs).extracting(CallLog::responseStatus)
                .containsExactly(ResponseStatus.OK, ResponseStatus.OK, ResponseStatus.SERVER_ERROR);
        assertThat(logs).allSatisfy(log -> {
            assertThat(log.l7Protocol().id()).isEqualTo(127);
            assertThat(log.l7Protocol().name()).isEqualTo("hello");
            assertThat(log.responseDuration()).isNotNull();
        });
    }

    @Test
    void aReplacementThatFailsToStartIsRefusedAndTheRunningVersionKeepsServing() throws Exception {
        byte[] v1 = Files.readAllBytes(CPlugins.compile("hello", "HELLO_TRACE_ID=\"v1\""));
        byte[] trapping = Wat.compile(Wat.plugin("", "(func (export \"_start\") unreachable)"));
        Path capture = temp.resolve("hello.pcap");
        Conversation c = new Conversation(40000);
        c.request("HELLO alice\n").reply("OK hi alice\n").request("HELLO bob\n").reply("OK hi bob\n");
        CapturePackets.writePcap(capture, TestFrames.LINKTYPE_IPV4, c.frames);

        List<CallLog> logs;
        List<String> refusals = new ArrayList<>();
        try (WasmPlugins plugins = new WasmPlugins(UNHURRIED, PluginEvents.SILENT)) {
            plugins.put("hello", v1);
            logs = parse(capture, plugins, Map.of(1, () -> {
                try {
                    plugins.put("hello", trapping);
                } catch (PluginLoadException e) {
                    refusals.add(e.getMessage());
                }
            }));
        }

        assertThat(refusals).singleElement().asString().startsWith("hello: _start trapped");
        assertThat(logs).extracting(CallLog::requestResource).containsExactly("alice", "bob");
        assertThat(logs).extracting(CallLog::traceId).containsExactly("v1", "v1");
    }

    /**
     * The call logs of {@code capture} with {@code plugins}, running each action before its frame.
     * One shard: packets are processed as they are read, so the actions fall between known frames.
     */
    private List<CallLog> parse(Path capture, WasmPlugins plugins, Map<Integer, Runnable> before) throws IOException {
        List<CallLog> logs = new ArrayList<>();
        L7Settings settings = L7Engine.settings(Config.defaults(), getClass().getClassLoader(),
                List.of(plugins.protocol()), List.of(plugins.httpHook()));
        L7Engine engine = new L7Engine(settings, logs::add);
        try (Pipeline pipeline = new Pipeline(EngineSettings.DEFAULTS, 1, shard -> engine);
             PacketSource source = new Actions(CaptureFiles.open(capture), before)) {
            pipeline.run(source, position -> {});
        }
        engine.flush();
        return logs;
    }

    private static void put(WasmPlugins plugins, String name, byte[] wasm) {
        try {
            plugins.put(name, wasm);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The frames of one connection from 10.0.0.1:{@code port} to 10.0.0.2:7000, in order, 1 ms apart. */
    private static final class Conversation {
        final List<CapturePackets.TimedFrame> frames = new ArrayList<>();
        private final int port;
        private int clientSeq = 1000, serverSeq = 9000;
        private static long micros = 1_700_000_000_000_000L;

        Conversation(int port) {
            this.port = port;
        }

        Conversation request(String text) {
            frames.add(new CapturePackets.TimedFrame(micros += 1000, TestFrames.ipv4Tcp(1, port, 2, 7000, clientSeq, text)));
            clientSeq += text.length();
            return this;
        }

        Conversation reply(String text) {
            frames.add(new CapturePackets.TimedFrame(micros += 1000, TestFrames.ipv4Tcp(2, 7000, 1, port, serverSeq, text)));
            serverSeq += text.length();
            return this;
        }
    }

    /** A source that runs an action before handing out frame {@code n} (counting from 0). */
    private static final class Actions implements PacketSource {
        private final PacketSource source;
        private final Map<Integer, Runnable> before;
        private int next;

        Actions(PacketSource source, Map<Integer, Runnable> before) {
            this.source = source;
            this.before = before;
        }

        @Override
        public boolean next(RawPacket packet) throws IOException {
            Runnable action = before.get(next++);
            if (action != null) action.run();
            return source.next(packet);
        }

        @Override public String name() { return source.name(); }
        @Override public long position() { return source.position(); }
        @Override public long size() { return source.size(); }
        @Override public void close() throws IOException { source.close(); }
    }
}
