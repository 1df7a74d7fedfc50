package io.wirespan.engine.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.ParserSettings;
import io.wirespan.engine.protocol.http.CaptureRun.Exchange;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every capture beside this test ({@code src/test/resources/io/wirespan/engine/protocol/http/*.pcap},
 * each made by the {@code .pcap.sh} next to it) against its golden {@code .expected.jsonl}, and its
 * requests against tshark's HTTP dissector. On a mismatch the actual records are written under
 * {@code target/http-scenarios/}.
 */
class HttpScenarioTest {
    private static final Path ACTUAL_DIR = Path.of("target", "http-scenarios");

    static Stream<String> scenarios() throws IOException, URISyntaxException {
        Path dir = Path.of(HttpScenarioTest.class.getResource("nginx-scenarios.pcap").toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcap"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
            return names.stream();
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(HttpScenarioTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static CaptureRun run(String scenario) {
        return CaptureRun.of(resource(scenario + ".pcap"), new HttpProtocol(), ParserSettings.DEFAULTS);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void matchesTheGoldenCallLogs(String scenario) throws IOException {
        List<String> actual = new ArrayList<>();
        for (Exchange exchange : run(scenario).exchanges) actual.add(JsonLine.of(golden(exchange)));
        List<String> expected = Files.readAllLines(resource(scenario + ".expected.jsonl"));
        if (!actual.equals(expected)) {
            Files.createDirectories(ACTUAL_DIR);
            Path written = ACTUAL_DIR.resolve(scenario + ".actual.jsonl");
            Files.write(written, actual);
            assertThat(actual).as("call logs of " + scenario + " (actual written to " + written.toAbsolutePath() + ")")
                    .containsExactlyElementsOf(expected);
        }
    }

    /** The requests tshark dissects, against the parser's (tshark misreads a pipelined HEAD's response). */
    @ParameterizedTest
    @MethodSource("scenarios")
    void findsTheRequestsTsharkFinds(String scenario) {
        List<String> tshark = TsharkHttp.tshark(resource(scenario + ".pcap"), true);
        assertThat(TsharkHttp.ours(run(scenario).exchanges, true, false))
                .containsExactlyInAnyOrderElementsOf(tshark.stream().map(m -> m.substring(0, m.lastIndexOf(' ')) + " ?").toList());
    }

    private static Map<String, Object> golden(Exchange exchange) {
        Map<String, Object> record = HttpCorpusTest.record(exchange);
        record.put("client_port", exchange.clientPort());
        record.put("captured_request_byte", exchange.request() == null ? 0 : exchange.request().message().capturedBytes());
        record.put("captured_response_byte", exchange.response() == null ? 0 : exchange.response().message().capturedBytes());
        return record;
    }
}
