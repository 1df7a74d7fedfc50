package io.wirespan.engine.protocol.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.MessageType;
import io.wirespan.engine.protocol.ParserDriver;
import io.wirespan.engine.protocol.TestContext;
import io.wirespan.engine.testing.Corpus;
import io.wirespan.engine.testing.TcpStreams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Kafka frame of real captures, decoded by Kafka's own client library and by our parser: api
 * name, version, correlation id, topic, partition, offset, group id and error code agree, frame by
 * frame. The captures: {@code samples/kafka.pcap} (Apache Kafka 4.4 broker and clients, recent
 * flexible versions, topic ids) and the DeepFlow corpus's {@code kafka/} folder (older versions).
 */
class KafkaClientsOracleTest {
    static Stream<Path> captures() throws IOException {
        List<Path> captures = new ArrayList<>();
        captures.add(sample("kafka.pcap"));
        try (Stream<Path> corpus = Files.list(Corpus.root().resolve("kafka"))) {
            corpus.filter(p -> p.toString().endsWith(".pcap")).sorted().forEach(captures::add);
        }
        return captures.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void ourParserAgreesWithKafkaClientsOnEveryFrame(Path capture) {
        TcpStreams streams = TcpStreams.of(capture);
        KafkaClientsOracle.Decoded oracle = KafkaClientsOracle.decode(streams);
        assertThat(oracle.requests()).as("Kafka flows in " + capture).isNotEmpty();

        // every flow through a parser of one protocol instance, in capture order, as the pipeline does
        KafkaProtocol protocol = new KafkaProtocol();
        Map<Long, ParserDriver> drivers = new HashMap<>();
        for (TcpStreams.Piece piece : streams.pieces()) {
            if (!oracle.requests().containsKey(piece.flowId())) continue;
            TestContext context = TestContext.tcp();
            ParserDriver driver = drivers.computeIfAbsent(piece.flowId(), id -> new ParserDriver(protocol.newParser(context), context));
            Direction direction = oracle.reversed().contains(piece.flowId()) ? piece.direction().reverse() : piece.direction();
            if (piece.gap() > 0) driver.gap(direction, piece.gap());
            else driver.feed(direction, piece.bytes());
        }
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<Long, ParserDriver> e : drivers.entrySet()) {
            List<L7Message> ours = e.getValue().end().messages();
            compare(softly, "flow " + e.getKey() + " requests", ours, MessageType.REQUEST,
                    oracle.requests().getOrDefault(e.getKey(), List.of()));
            compare(softly, "flow " + e.getKey() + " responses", ours, MessageType.RESPONSE,
                    oracle.responses().getOrDefault(e.getKey(), List.of()));
        }
        softly.assertAll();
        System.out.println(capture.getFileName() + ": " + oracle.frames() + " frames agree with kafka-clients ("
                + oracle.headerOnly() + " of versions it no longer reads, by header)");
    }

    private static void compare(SoftAssertions softly, String what, List<L7Message> ours, MessageType type,
            List<KafkaClientsOracle.Frame> expected) {
        List<L7Message> mine = ours.stream().filter(m -> m.type() == type).toList();
        List<KafkaClientsOracle.Frame> actual = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
            boolean headerOnly = i < expected.size() && expected.get(i).headerOnly();
            actual.add(KafkaClientsOracle.Frame.of(mine.get(i), headerOnly));
        }
        softly.assertThat(actual).as(what).containsExactlyElementsOf(expected);
    }

    /** A capture of the project's {@code samples/} folder, found from any module; fails loudly when missing. */
    static Path sample(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("samples").resolve(name);
            if (Files.isRegularFile(candidate)) return candidate;
        }
        throw new UncheckedIOException(new IOException("samples/" + name + " not found above " + Path.of("").toAbsolutePath()));
    }
}
