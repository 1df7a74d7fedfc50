package io.wirespan.bench;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.ParseContext;
import io.wirespan.api.ParserSettings;
import io.wirespan.engine.capture.CaptureFiles;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.capture.RawPacket;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.decode.PacketDecoder;
import io.wirespan.engine.flow.Flow;
import io.wirespan.engine.flow.FlowConfig;
import io.wirespan.engine.flow.FlowEndReason;
import io.wirespan.engine.flow.FlowListener;
import io.wirespan.engine.flow.FlowTable;
import io.wirespan.engine.protocol.BuiltinProtocols;
import io.wirespan.engine.tcp.ReassemblyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /** Which parser; its captures: the files under these folders whose names end in .pcap. */
    @Param({"HTTP", "HTTP2", "DNS"})
    public String protocol;

    /** How many times the recorded flows are replayed per invocation. */
    private static final int REPEAT = 20;

    private record Chunk(Direction direction, byte[] bytes) {}

    private record Stream(boolean udp, List<Chunk> chunks) {}

    private L7ProtocolProvider provider;
    private List<Stream> flows;

    /** Messages emitted, reported by JMH per second next to the invocation rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long messages;
        public long bytes;
    }

    @Setup(Level.Trial)
    public void record() throws IOException {
        provider = BuiltinProtocols.create(Config.defaults()).stream()
                .filter(p -> p.configName().equals(protocol)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no built-in protocol " + protocol));
        flows = new ArrayList<>();
        for (Path capture : captures(protocol)) flows.addAll(streamsOf(capture));
        if (flows.isEmpty()) throw new IllegalStateException("no " + protocol + " flows in " + captures(protocol));
    }

    @Benchmark
    public void parse(Counters counters) {
        long[] messages = {0};
        for (int r = 0; r < REPEAT; r++) {
            for (Stream flow : flows) {
                BenchContext context = new BenchContext(flow.udp());
                L7Parser parser = provider.newParser(context);
                byte[][] held = {new byte[0], new byte[0]};
                for (Chunk chunk : flow.chunks()) {
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
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("samples"))) root = root.getParent();
        if (root == null) throw new IllegalStateException("run from the project: samples/ not found");
        Path corpus = root.resolveSibling("shared").resolve("corpus/deepflow");
        List<Path> dirs = switch (protocol) {
            case "HTTP", "HTTP2" -> List.of(corpus.resolve("http"));
            case "DNS" -> List.of(corpus.resolve("dns"));
            default -> List.of();
        };
        List<Path> files = new ArrayList<>(List.of(root.resolve("samples/http.pcap"), root.resolve("samples/dns.pcap")));
        for (Path dir : dirs) {
            try (var list = Files.list(dir)) {
                list.filter(p -> p.toString().endsWith(".pcap")).sorted().forEach(files::add);
            }
        }
        return files.stream().filter(Files::exists).toList();
    }

    /** The payload chunks of every flow of a capture, in order, copied. */
    private List<Stream> streamsOf(Path capture) throws IOException {
        Map<Long, List<Chunk>> byFlow = new LinkedHashMap<>();
        Map<Long, Boolean> udp = new LinkedHashMap<>();
        FlowListener recorder = new FlowListener() {
            @Override public void onFlowStart(Flow flow, long t) {}
            @Override public void onGap(Flow flow, Direction d, int missing, long t) {}
            @Override public void onFlowEnd(Flow flow, FlowEndReason reason, long t) {}

            @Override
            public void onPayload(Flow flow, Direction direction, byte[] data, int offset, int length, long t) {
                udp.put(flow.id(), flow.l4Protocol() == DecodedPacket.UDP);
                byFlow.computeIfAbsent(flow.id(), id -> new ArrayList<>())
                        .add(new Chunk(direction, Arrays.copyOfRange(data, offset, offset + length)));
            }
        };
        FlowTable table = new FlowTable(FlowConfig.DEFAULTS, ReassemblyConfig.DEFAULTS, recorder);
        PacketDecoder decoder = new PacketDecoder();
        RawPacket raw = new RawPacket();
        DecodedPacket packet = new DecodedPacket();
        long last = 0;
        try (PacketSource source = CaptureFiles.open(capture)) {
            while (source.next(raw)) {
                last = Math.max(last, raw.timestampMicros());
                if (decoder.decode(raw, packet) == PacketDecoder.Outcome.PACKET) table.process(packet);
            }
        }
        table.flushAll(last);
        // Only flows this protocol accepts, as inference would hand them over.
        List<Stream> accepted = new ArrayList<>();
        byFlow.forEach((id, chunks) -> {
            BenchContext context = new BenchContext(udp.get(id));
            if (chunks.stream().limit(4).anyMatch(c -> provider.check(c.direction(), c.bytes(), 0, c.bytes().length, context).matched())) {
                accepted.add(new Stream(udp.get(id), chunks));
            }
        });
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
