package io.wirespan.engine.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.L7Message;
import io.wirespan.api.ParserSettings;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.config.ConfigKeys;
import io.wirespan.engine.protocol.http.CaptureRun.Exchange;
import io.wirespan.engine.tags.HttpEndpoints;
import io.wirespan.engine.tags.TraceHeaders;
import io.wirespan.engine.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The HTTP/1 captures of the DeepFlow corpus, through the real flow table and reassembly, against
 * every field of their {@code .expected.jsonl} (what DeepFlow's pipeline sends for them), with the
 * settings of their {@code .config.yaml}.
 */
class HttpCorpusTest {

    @ParameterizedTest
    @ValueSource(strings = {"http/httpv1", "http/client-ip", "http/istio-tcp-frag"})
    void matchesEveryExpectedField(String name) throws IOException {
        Config config = Config.load(Corpus.file(name + ".config.yaml"));
        CaptureRun run = CaptureRun.of(Corpus.file(name + ".pcap"), protocol(config), settings(config));
        List<Map<String, Object>> expected = expected(Corpus.file(name + ".expected.jsonl"));

        assertThat(run.exchanges).as("exchanges").hasSameSizeAs(expected);
        List<String> mismatches = new ArrayList<>();
        int fields = 0;
        for (int i = 0; i < expected.size(); i++) {
            Map<String, Object> want = expected.get(i);
            Map<String, Object> got = record(run.exchanges.get(i));
            for (Map.Entry<String, Object> field : want.entrySet()) {
                if (field.getKey().startsWith("_")) continue;
                fields++;
                if (!Objects.equals(normalize(field.getValue()), normalize(got.get(field.getKey())))) {
                    mismatches.add(name + " #" + i + " " + field.getKey() + ": expected " + field.getValue() + ", got "
                            + got.get(field.getKey()));
                }
            }
            // Not a compared field, but it checks the emit point: a request goes out with the packet
            // that ends its head. client-ip's capture lacks the last 308 bytes of the request's head
            // (the response acknowledges them), so that request goes out when the response begins.
            if (!name.equals("http/client-ip")) {
                assertThat(run.exchanges.get(i).request().timestampMicros()).as("start time")
                        .isEqualTo(((Number) want.get("_start_time")).longValue());
            }
        }
        System.out.println(name + ": " + (fields - mismatches.size()) + "/" + fields + " expected fields match");
        assertThat(mismatches).isEmpty();
    }

    /** Every message tshark's dissector finds, the parser finds too, with the same fields. */
    @ParameterizedTest
    @ValueSource(strings = {"http.pcap", "http/httpv1.pcap", "http/istio-tcp-frag.pcap"})
    void findsWhatTsharkFinds(String capture) {
        Path pcap = Corpus.file(capture);
        List<String> ours = TsharkHttp.ours(CaptureRun.of(pcap, new HttpProtocol(), ParserSettings.DEFAULTS).exchanges,
                false, true);
        List<String> tshark = TsharkHttp.tshark(pcap, false);
        assertThat(tshark).isNotEmpty();
        assertThat(ours).containsAll(tshark);
    }

    static HttpProtocol protocol(Config config) {
        return new HttpProtocol(
                new TraceHeaders(config.get(ConfigKeys.APM_TRACE_ID), config.get(ConfigKeys.APM_SPAN_ID),
                        config.get(ConfigKeys.X_REQUEST_ID), config.get(ConfigKeys.HTTP_REAL_CLIENT)),
                new HttpEndpoints(config.get(ConfigKeys.HTTP_ENDPOINT_EXTRACTION_DISABLED),
                        config.get(ConfigKeys.HTTP_ENDPOINT_MATCH_RULES)));
    }

    static ParserSettings settings(Config config) {
        return new ParserSettings(config.get(ConfigKeys.PAYLOAD_TRUNCATION), config.get(ConfigKeys.APM_TRACE_ID),
                config.get(ConfigKeys.APM_SPAN_ID), config.get(ConfigKeys.X_REQUEST_ID),
                config.get(ConfigKeys.HTTP_REAL_CLIENT), config.get(ConfigKeys.OBFUSCATE_PROTOCOLS).contains("HTTP"),
                Map.of());
    }

    private static List<Map<String, Object>> expected(Path file) throws IOException {
        Load json = new Load(LoadSettings.builder().build());
        List<Map<String, Object>> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            @SuppressWarnings("unchecked")
            Map<String, Object> record = (Map<String, Object>) json.loadFromString(line);
            records.add(record);
        }
        return records;
    }

    /** An exchange as the call-log fields the expected files name (call-log.md). */
    static Map<String, Object> record(Exchange exchange) {
        L7Message req = exchange.request() == null ? null : exchange.request().message();
        L7Message resp = exchange.response() == null ? null : exchange.response().message();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("type", req != null && resp != null ? "session" : req != null ? "request" : "response");
        r.put("l7_protocol", 20);
        r.put("l7_protocol_str", "HTTP");
        L7Message any = req != null ? req : resp;
        r.put("version", any.version());
        if (req != null) {
            r.put("request_type", req.requestType());
            r.put("request_domain", req.requestDomain());
            r.put("request_resource", req.requestResource());
            r.put("endpoint", req.endpoint());
            r.put("request_length", req.requestLength());
            r.put("trace_id", req.traceId());
            r.put("span_id", req.spanId());
            r.put("parent_span_id", req.parentSpanId());
            r.put("x_request_id_0", req.xRequestId());
            r.put("http_proxy_client", req.httpProxyClient());
        }
        if (resp != null) {
            r.put("response_status", resp.responseStatus().wireName());
            r.put("response_code", resp.responseCode());
            r.put("response_exception", resp.responseException());
            r.put("response_length", resp.responseLength());
            r.put("x_request_id_1", resp.xRequestId());
        }
        return r;
    }

    private static Object normalize(Object value) {
        return value instanceof Number n ? (Object) n.longValue() : value;
    }
}
