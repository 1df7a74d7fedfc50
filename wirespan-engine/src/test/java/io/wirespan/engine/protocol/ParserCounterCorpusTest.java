package io.wirespan.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.ParseContext;
import io.wirespan.api.ParserCounter;
import io.wirespan.api.ParserSettings;
import io.wirespan.api.PayloadSignature;
import io.wirespan.engine.capture.CaptureFiles;
import io.wirespan.engine.capture.CaptureFormatException;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.capture.RawPacket;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.pipeline.EngineSettings;
import io.wirespan.engine.pipeline.Pipeline;
import io.wirespan.engine.testing.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every corpus capture, as it is and damaged, through the real pipeline with every built-in
 * protocol: the per-protocol totals in {@link L7Stats} must be exactly what the parsers added
 * through their counter handles, which each provider here tallies on the side.
 */
class ParserCounterCorpusTest {

    @Test
    void theTotalsOfEachProtocolAreWhatItsParsersCounted() throws IOException {
        Map<String, Map<String, Long>> corpusWide = new TreeMap<>();
        for (Path capture : Corpus.allPcaps()) {
            for (boolean damaged : new boolean[] {false, true}) {
                Config config = Config.defaults();
                List<Tallying> protocols = BuiltinProtocols.create(config).stream().map(Tallying::new).toList();
                L7Stats stats = run(capture, damaged, config, protocols);
                for (Tallying protocol : protocols) {
                    String name = protocol.protocol().name();
                    assertThat(stats.parserCounters().getOrDefault(name, Map.of()))
                            .as("%s%s: %s", capture, damaged ? " damaged" : "", name).isEqualTo(protocol.tallies());
                    protocol.tallies().forEach((counter, n) ->
                            corpusWide.computeIfAbsent(name, p -> new TreeMap<>()).merge(counter, n, Long::sum));
                }
            }
        }
        // Not vacuous: every protocol that counts read something, and the damage made them resynchronise.
        assertThat(corpusWide.get("HTTP").get("gaps")).isPositive();
        assertThat(corpusWide.get("DNS").get("messages")).isPositive();
        assertThat(corpusWide.get("Redis").get("commands")).isPositive();
        assertThat(corpusWide.get("MongoDB").get("messages")).isPositive();
        assertThat(corpusWide.get("Memcached").get("commands")).isPositive();
        assertThat(corpusWide.get("MQTT").get("packets")).isPositive();
        assertThat(corpusWide.get("Kafka").get("messages")).isPositive();
        assertThat(corpusWide.get("HTTP2").get("frames")).isPositive();
        assertThat(corpusWide.get("HTTP2").get("header_blocks")).isPositive();
        assertThat(corpusWide.get("PostgreSQL").get("messages")).isPositive();
        assertThat(corpusWide.values()).anySatisfy(counters -> assertThat(counters.get("resync_skipped_bytes")).isPositive());
    }

    private static L7Stats run(Path capture, boolean damaged, Config config, List<? extends L7ProtocolProvider> protocols)
            throws IOException {
        L7Engine engine = new L7Engine(L7Settings.from(config, new ProtocolRegistry(List.copyOf(protocols))), log -> {});
        Pipeline pipeline = new Pipeline(EngineSettings.from(config), engine);
        PacketSource file = CaptureFiles.open(capture);
        try (PacketSource source = damaged ? new Damaged(file, capture.getFileName().toString().hashCode()) : file) {
            pipeline.run(source, position -> {});
        } catch (CaptureFormatException e) {
            // what could be read went through, and that is what is compared
        }
        engine.flush();
        return engine.stats();
    }

    /** A provider whose parsers' counter handles also add to a tally of its own, by counter name. */
    private static final class Tallying implements L7ProtocolProvider {
        private final L7ProtocolProvider provider;
        private final Map<String, long[]> tallies = new TreeMap<>();

        Tallying(L7ProtocolProvider provider) {
            this.provider = provider;
        }

        Map<String, Long> tallies() {
            Map<String, Long> values = new TreeMap<>();
            tallies.forEach((name, tally) -> values.put(name, tally[0]));
            return values;
        }

        @Override public L7Protocol protocol() { return provider.protocol(); }
        @Override public String configName() { return provider.configName(); }
        @Override public boolean parsesTcp() { return provider.parsesTcp(); }
        @Override public boolean parsesUdp() { return provider.parsesUdp(); }
        @Override public String defaultPorts() { return provider.defaultPorts(); }
        @Override public PayloadSignature signature(boolean udp) { return provider.signature(udp); }

        @Override
        public CheckResult check(Direction direction, byte[] data, int offset, int length, ParseContext context) {
            return provider.check(direction, data, offset, length, context);
        }

        @Override
        public L7Parser newParser(ParseContext context) {
            return provider.newParser(new ParseContext() {
                @Override public long flowId() { return context.flowId(); }
                @Override public boolean isUdp() { return context.isUdp(); }
                @Override public String clientIp() { return context.clientIp(); }
                @Override public String serverIp() { return context.serverIp(); }
                @Override public int clientPort() { return context.clientPort(); }
                @Override public int serverPort() { return context.serverPort(); }
                @Override public long timestampMicros() { return context.timestampMicros(); }
                @Override public ParserSettings settings() { return context.settings(); }

                @Override
                public ParserCounter counter(String name) {
                    ParserCounter total = context.counter(name);
                    long[] tally = tallies.computeIfAbsent(name, n -> new long[1]);
                    return n -> {
                        tally[0] += n;
                        total.add(n);
                    };
                }
            });
        }
    }

    /** A capture that loses one frame in five and has a few bytes of another one in five overwritten, alike on every run. */
    private static final class Damaged implements PacketSource {
        private final PacketSource source;
        private final Random random;

        Damaged(PacketSource source, long seed) {
            this.source = source;
            this.random = new Random(seed);
        }

        @Override
        public boolean next(RawPacket packet) throws IOException {
            while (source.next(packet)) {
                int roll = random.nextInt(5);
                if (roll == 0) continue;
                if (roll == 1 && packet.capturedLength() > 0) {
                    for (int n = 1 + random.nextInt(4); n > 0; n--) {
                        packet.data()[packet.offset() + random.nextInt(packet.capturedLength())] = (byte) random.nextInt(256);
                    }
                }
                return true;
            }
            return false;
        }

        @Override public String name() { return source.name(); }
        @Override public long position() { return source.position(); }
        @Override public long size() { return source.size(); }
        @Override public void close() throws IOException { source.close(); }
    }
}
