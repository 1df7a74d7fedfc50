package io.wirespan.engine.protocol.http2;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.ParserSettings;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.config.ConfigKeys;
import io.wirespan.engine.tags.HttpEndpoints;
import io.wirespan.engine.tags.TraceHeaders;
import io.wirespan.engine.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The HTTP/2 and gRPC captures of the DeepFlow corpus, replayed through the real flow table and
 * this parser with the settings of each {@code .config.yaml}: every field of every expected record
 * must match. Keys starting with {@code _} are provenance and not compared.
 */
class Http2CorpusTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"grpc-segmented", "grpc-server-stream", "grpc-server-stream-as-unary", "grpc-unary",
            "grpc-unknown", "h2c_ascii", "http2-multi", "httpv2-stream-id"})
    void matchesEveryExpectedField(String name) throws IOException {
        Path expectedFile = Corpus.file("http/" + name + ".expected.jsonl");
        Path capture = Corpus.file("http/" + (name.equals("grpc-server-stream-as-unary") ? "grpc-server-stream" : name) + ".pcap");
        Config config = Config.load(Corpus.file("http/" + name + ".config.yaml"));
        Http2Protocol protocol = new Http2Protocol(
                new TraceHeaders(config.get(ConfigKeys.APM_TRACE_ID), config.get(ConfigKeys.APM_SPAN_ID),
                        config.get(ConfigKeys.X_REQUEST_ID), config.get(ConfigKeys.HTTP_REAL_CLIENT)),
                new HttpEndpoints(config.get(ConfigKeys.HTTP_ENDPOINT_EXTRACTION_DISABLED),
                        config.get(ConfigKeys.HTTP_ENDPOINT_MATCH_RULES)),
                config.get(ConfigKeys.GRPC_STREAMING_DATA_ENABLED));
        ParserSettings settings = new ParserSettings(config.get(ConfigKeys.PAYLOAD_TRUNCATION),
                config.get(ConfigKeys.APM_TRACE_ID), config.get(ConfigKeys.APM_SPAN_ID), config.get(ConfigKeys.X_REQUEST_ID),
                config.get(ConfigKeys.HTTP_REAL_CLIENT), config.get(ConfigKeys.OBFUSCATE_PROTOCOLS).contains("HTTP2"), Map.of());

        List<Map<String, Object>> actual = new ArrayList<>(CorpusReplay.records(capture, protocol, settings));
        List<Map<String, Object>> expected = expected(expectedFile);

        int fields = 0;
        int matched = 0;
        List<String> misses = new ArrayList<>();
        for (Map<String, Object> want : expected) {
            Map<String, Object> best = null;
            int bestScore = -1;
            for (Map<String, Object> got : actual) {
                int score = score(want, got);
                if (score > bestScore) {
                    best = got;
                    bestScore = score;
                }
            }
            if (best != null) actual.remove(best);
            for (Map.Entry<String, Object> field : want.entrySet()) {
                if (field.getKey().startsWith("_")) continue;
                fields++;
                Object got = best == null ? null : best.get(field.getKey());
                if (same(field.getValue(), got)) {
                    matched++;
                } else {
                    misses.add(want.get("_lines") + " " + field.getKey() + ": expected " + field.getValue() + ", got " + got);
                }
            }
        }
        System.out.printf("[http2-corpus] %-28s %d/%d fields%n", name, matched, fields);
        if (Boolean.getBoolean("http2.dump")) CorpusReplay.records(capture, protocol, settings).forEach(r -> System.out.println("  " + r));
        assertThat(misses).as("%s: %d/%d fields; unmatched actual records: %s", name, matched, fields, actual).isEmpty();
    }

    private static int score(Map<String, Object> want, Map<String, Object> got) {
        int n = 0;
        for (Map.Entry<String, Object> field : want.entrySet()) {
            if (!field.getKey().startsWith("_") && same(field.getValue(), got.get(field.getKey()))) n++;
        }
        return n;
    }

    private static boolean same(Object expected, Object actual) {
        if (expected instanceof Number e && actual instanceof Number a) return e.longValue() == a.longValue();
        return expected.equals(actual);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> expected(Path file) throws IOException {
        Load json = new Load(LoadSettings.builder().build());
        List<Map<String, Object>> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) records.add((Map<String, Object>) json.loadFromString(line));
        }
        return records;
    }
}
