package io.wirespan.engine.protocol;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.ParseContext;
import io.wirespan.api.ParserSettings;
import io.wirespan.bench.RecordedFlows;
import io.wirespan.bench.RecordedFlows.RecordedFlow;
import io.wirespan.engine.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The cost of protocol inference against the number of protocols enabled. The input is the first
 * payload of every flow and direction of every corpus capture (all protocols, and traffic no parser takes);
 * the engine's {@link ProtocolInference}, which runs only the checks whose {@link io.wirespan.api.PayloadSignature}
 * a payload satisfies, is measured against a plain scan that checks every enabled protocol in order
 * until one accepts, on the same payloads. Both report payloads per second and the checks run per
 * payload ({@code checks}, secondary result).
 *
 * <p>{@code all+50} adds 50 synthetic binary protocols after the built-in ones, each known by a
 * 4-byte magic number and a length, as many RPC protocols are: stand-ins for the protocols and
 * plugins still to come, to show how the cost grows past the built-in set.
 *
 * <p>Not final: JMH generates subclasses of its state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class InferenceBenchmark {
    /** How many built-in protocols are enabled, in DeepFlow's order: a number, or {@code all}. */
    @Param({"1", "5", "all", "all+50"})
    public String enabled;

    private record Payload(Direction direction, byte[] bytes, boolean udp) {}

    private List<L7ProtocolProvider> providers;
    private ProtocolInference inference;
    private Payload[] payloads;
    private final ParseContext tcpContext = new BenchContext(false);
    private final ParseContext udpContext = new BenchContext(true);

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long payloads;
        public long checks;
        public long matches;
    }

    @Setup(Level.Trial)
    public void load() throws IOException {
        List<L7ProtocolProvider> all = BuiltinProtocols.create(Config.defaults());
        if (enabled.startsWith("all")) {
            providers = new ArrayList<>(all);
            if (enabled.equals("all+50")) providers.addAll(SyntheticProtocol.family(50, 42));
        } else {
            int builtin = Integer.parseInt(enabled);
            if (builtin > all.size()) throw new IllegalStateException(enabled + " protocols asked, " + all.size() + " built in");
            providers = all.subList(0, builtin);
        }
        int count = providers.size();
        Map<L7ProtocolProvider, PortSet> ports = new LinkedHashMap<>();
        for (L7ProtocolProvider p : providers) ports.put(p, PortSet.ALL);
        inference = new ProtocolInference(providers, ports);
        List<Payload> found = new ArrayList<>();
        for (Path capture : corpusCaptures()) found.addAll(firstPayloads(capture));
        payloads = found.toArray(Payload[]::new);
        System.out.printf("%nInferenceBenchmark: %d protocols enabled (%s), %d first payloads%n", count,
                providers.stream().map(L7ProtocolProvider::configName).toList(), payloads.length);
    }

    @Benchmark
    public void indexedBySignature(Counters counters) {
        long before = inference.checks();
        for (Payload p : payloads) {
            if (inference.identify(p.direction(), p.bytes(), 0, p.bytes().length, p.udp(), 40000, 80, contextOf(p)) != null) {
                counters.matches++;
            }
        }
        counters.payloads += payloads.length;
        counters.checks += inference.checks() - before;
    }

    @Benchmark
    public void everyProtocolInOrder(Counters counters) {
        for (Payload p : payloads) {
            for (L7ProtocolProvider provider : providers) {
                if (p.udp() ? !provider.parsesUdp() : !provider.parsesTcp()) continue;
                counters.checks++;
                CheckResult verdict = provider.check(p.direction(), p.bytes(), 0, p.bytes().length, contextOf(p));
                if (verdict.matched()) {
                    counters.matches++;
                    break;
                }
            }
        }
        counters.payloads += payloads.length;
    }

    private ParseContext contextOf(Payload p) {
        return p.udp() ? udpContext : tcpContext;
    }

    private static List<Path> corpusCaptures() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolveSibling("shared").resolve("corpus/deepflow"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("../shared/corpus/deepflow not found");
        try (var files = Files.walk(dir.resolveSibling("shared").resolve("corpus/deepflow"))) {
            return files.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
    }

    /** The first payload of each flow (up to 1 KiB, what inference looks at), in each direction. */
    private static List<Payload> firstPayloads(Path capture) {
        List<Payload> payloads = new ArrayList<>();
        List<RecordedFlow> flows;
        try {
            flows = RecordedFlows.of(capture);
        } catch (IOException e) {
            return payloads; // a damaged capture contributes nothing
        }
        for (RecordedFlow flow : flows) {
            Set<Direction> seen = new HashSet<>();
            for (RecordedFlows.Chunk c : flow.chunks()) {
                if (seen.add(c.direction())) {
                    payloads.add(new Payload(c.direction(), Arrays.copyOf(c.bytes(), Math.min(c.bytes().length, 1024)), flow.udp()));
                }
            }
        }
        return payloads;
    }

    private record BenchContext(boolean isUdp) implements ParseContext {
        @Override public long flowId() { return 1; }
        @Override public String clientIp() { return "10.0.0.1"; }
        @Override public String serverIp() { return "10.0.0.2"; }
        @Override public int clientPort() { return 40000; }
        @Override public int serverPort() { return 80; }
        @Override public long timestampMicros() { return 0; }
        @Override public ParserSettings settings() { return ParserSettings.DEFAULTS; }
    }
}
