package io.wirespan.bench;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.ParseContext;
import io.wirespan.api.ParserSettings;
import io.wirespan.bench.RecordedFlows.RecordedFlow;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.protocol.BuiltinProtocols;
import io.wirespan.wasm.CPlugins;
import io.wirespan.wasm.PluginEvents;
import io.wirespan.wasm.PluginLimits;
import io.wirespan.wasm.PluginLoadException;
import io.wirespan.wasm.pipeline.WasmPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * One parser alone over real traffic: the reassembled streams of its protocol's captures (the
 * project's samples and DeepFlow's corpus) are recorded once through the real flow table, then
 * replayed into fresh parsers, holding back unconsumed bytes as the engine does. The secondary
 * result {@code messages} is messages per second.
 *
 * <p>Not final: JMH generates subclasses of its state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParserBenchmark {
    /**
     * Which parser; its captures: the project's samples and its DeepFlow corpus folder (flows it
     * accepts). {@code kafka-topic.wasm} is the Wasm example plugin on Kafka's captures, beside the
     * native Kafka parser; its flows include the {@code check_payload} call that claims them.
     */
    @Param({"HTTP", "HTTP2", "DNS", "MySQL", "PostgreSQL", "Redis", "MongoDB", "Kafka", "kafka-topic.wasm", "Memcached", "MQTT"})
    public String protocol;

    private static final String KAFKA_PLUGIN = "kafka-topic.wasm";

    /** How many times the recorded flows are replayed per invocation. */
    private static final int REPEAT = 20;

    private L7ProtocolProvider provider;
    private List<RecordedFlow> flows;

    /** Messages emitted, reported by JMH per second next to the invocation rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long messages;
        public long bytes;
    }

    private WasmPlugins plugins;

    @Setup(Level.Trial)
    public void record() throws IOException, PluginLoadException {
        if (protocol.equals(KAFKA_PLUGIN)) {
            plugins = new WasmPlugins(PluginLimits.DEFAULTS, PluginEvents.SILENT);
            plugins.put(KAFKA_PLUGIN, Files.readAllBytes(CPlugins.compile(ProjectFiles.root().resolve("plugins"), "kafka-topic")));
            provider = plugins.protocol().forShard();
        } else {
            provider = BuiltinProtocols.create(Config.defaults()).stream()
                    .filter(p -> p.configName().equals(protocol)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no built-in protocol " + protocol));
        }
        flows = new ArrayList<>();
        for (Path capture : captures(protocol)) flows.addAll(streamsOf(capture));
        if (flows.isEmpty()) throw new IllegalStateException("no " + protocol + " flows in " + captures(protocol));
    }

    @TearDown(Level.Trial)
    public void unload() {
        if (plugins != null) plugins.close();
    }

    @Benchmark
    public void parse(Counters counters) {
        long[] messages = {0};
        for (int r = 0; r < REPEAT; r++) {
            for (RecordedFlow flow : flows) {
                BenchContext context = new BenchContext(flow.udp());
                L7Parser parser = provider.newParser(context);
                byte[][] held = {new byte[0], new byte[0]};
                for (RecordedFlows.Chunk chunk : flow.chunks()) {
                    int side = chunk.direction().ordinal();
                    byte[] input = flow.udp() || held[side].length == 0 ? chunk.bytes() : concat(held[side], chunk.bytes());
                    int consumed = parser.parse(chunk.direction(), input, 0, input.length, context, m -> messages[0]++);
                    if (!flow.udp()) {
                        held[side] = consumed == input.length ? new byte[0] : Arrays.copyOfRange(input, consumed, input.length);
                    }
                    counters.bytes += chunk.bytes().length;
                }
                parser.onFlowEnd(context, m -> messages[0]++);
            }
        }
        counters.messages += messages[0];
    }

    private static List<Path> captures(String protocol) throws IOException {
        Path root = ProjectFiles.root();
        Path corpus = ProjectFiles.corpus();
        List<Path> dirs = List.of(corpus.resolve(switch (protocol) {
            case "HTTP", "HTTP2" -> "http";
            case KAFKA_PLUGIN -> "kafka";
            case "PostgreSQL" -> "postgre";
            case "MongoDB" -> "mongo";
            default -> protocol.toLowerCase(Locale.ROOT);
        }));
        List<Path> files = new ArrayList<>();
        try (var samples = Files.list(root.resolve("samples"))) {
            samples.filter(p -> p.toString().endsWith(".pcap")).sorted().forEach(files::add);
        }
        for (Path dir : dirs) {
            try (var list = Files.list(dir)) {
                list.filter(p -> p.toString().endsWith(".pcap")).sorted().forEach(files::add);
            }
        }
        return files.stream().filter(Files::exists).toList();
    }

    /** The flows of a capture this protocol accepts, as inference would hand them over. */
    private List<RecordedFlow> streamsOf(Path capture) throws IOException {
        List<RecordedFlow> accepted = new ArrayList<>();
        for (RecordedFlow flow : RecordedFlows.of(capture)) {
            BenchContext context = new BenchContext(flow.udp());
            if (flow.chunks().stream().limit(4).anyMatch(c -> provider.check(c.direction(), c.bytes(), 0, c.bytes().length, context).matched())) {
                accepted.add(flow);
            }
        }
        return accepted;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private record BenchContext(boolean udp) implements ParseContext {
        @Override public long flowId() { return 1; }
        @Override public boolean isUdp() { return udp; }
        @Override public String clientIp() { return "10.0.0.1"; }
        @Override public String serverIp() { return "10.0.0.2"; }
        @Override public int clientPort() { return 40000; }
        @Override public int serverPort() { return 80; }
        @Override public long timestampMicros() { return 0; }
        @Override public ParserSettings settings() { return ParserSettings.DEFAULTS; }
    }
}
