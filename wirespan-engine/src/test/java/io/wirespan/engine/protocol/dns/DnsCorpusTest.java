package io.wirespan.engine.protocol.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.MessageType;
import io.wirespan.api.ParserSettings;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.decode.IpAddress;
import io.wirespan.engine.protocol.ParserDriver;
import io.wirespan.engine.protocol.TestContext;
import io.wirespan.engine.testing.CapturePackets;
import io.wirespan.engine.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every capture of the DeepFlow corpus's {@code dns/} folder, read with the real reader and
 * decoder and fed flow by flow through the parser, agrees with its {@code .expected.jsonl} on
 * every field DeepFlow's output determines. Pairing is done here by transaction id, as the
 * engine's session stage will; the harness settings come from the capture's {@code .config.yaml}.
 */
class DnsCorpusTest {
    private static final List<String> FIELDS = List.of("type", "request_type", "request_resource", "request_domain",
            "endpoint", "request_id", "response_status", "response_code", "response_result", "attributes.opcode");
    private static int matched;
    private static int compared;

    static Stream<String> captures() throws IOException {
        try (Stream<Path> files = Files.list(Corpus.root().resolve("dns"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcap"))
                    .map(n -> n.substring(0, n.length() - ".pcap".length())).sorted().toList();
            assertThat(names).as("dns captures").isNotEmpty();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void agreesWithDeepFlowOnEveryExpectedField(String name) throws IOException {
        Map<String, Object> harness = harnessConfig(Corpus.root().resolve("dns/" + name + ".config.yaml"));
        Map<String, Map<String, Object>> actual = callLogs(Corpus.file("dns/" + name + ".pcap"), harness);

        List<String> mismatches = new ArrayList<>();
        List<String> lines = Files.readAllLines(Corpus.file("dns/" + name + ".expected.jsonl"));
        Load json = new Load(LoadSettings.builder().build());
        for (String line : lines) {
            if (line.isBlank()) continue;
            @SuppressWarnings("unchecked")
            Map<String, Object> expected = (Map<String, Object>) json.loadFromString(line);
            String key = expected.get("_flow") + " #" + expected.get("request_id");
            Map<String, Object> record = actual.get(key);
            if (record == null) {
                mismatches.add(key + ": no call log; have " + actual.keySet());
                continue;
            }
            for (String field : FIELDS) {
                Object want = field.startsWith("attributes.")
                        ? ((Map<?, ?>) expected.getOrDefault("attributes", Map.of())).get(field.substring(11))
                        : expected.get(field);
                if (want == null) continue; // absent: not determined by DeepFlow's output, not checked
                compared++;
                Object got = record.get(field);
                if (Objects.equals(String.valueOf(want), String.valueOf(got))) {
                    matched++;
                } else {
                    mismatches.add(key + " " + field + ": expected " + want + ", got " + got);
                }
            }
        }
        assertThat(mismatches).as(name).isEmpty();
    }

    @AfterAll
    static void report() {
        System.out.println("dns corpus: " + matched + "/" + compared + " expected fields matched");
    }

    /** The call logs of a capture keyed by "flow #request_id", pairing each flow's messages by transaction id. */
    private static Map<String, Map<String, Object>> callLogs(Path pcap, Map<String, Object> harness) {
        DnsProtocol protocol = new DnsProtocol(new DnsConfig(stringList(
                at(harness, "processors", "request_log", "filters", "unconcerned_dns_nxdomain_response_suffixes"))));
        Object truncation = at(harness, "processors", "request_log", "tunning", "payload_truncation");
        ParserSettings settings = new ParserSettings(truncation == null ? 1024 : ((Number) truncation).intValue(),
                List.of("traceparent", "sw8"), List.of("traceparent", "sw8"), List.of("X_Request_ID"),
                List.of("X_Forwarded_For"), false, Map.of());

        Map<String, FlowFeed> flows = new LinkedHashMap<>();
        for (DecodedPacket p : CapturePackets.decode(pcap)) {
            if (p.payloadLength() == 0) continue;
            byte[] payload = new byte[p.payloadLength()];
            System.arraycopy(p.payload(), p.payloadOffset(), payload, 0, payload.length);
            boolean udp = p.l4Protocol() == DecodedPacket.UDP;
            String src = IpAddress.format(p.srcHi(), p.srcLo()) + ":" + p.srcPort();
            String dst = IpAddress.format(p.dstHi(), p.dstLo()) + ":" + p.dstPort();
            String flow = (src.compareTo(dst) < 0 ? src + "<->" + dst : dst + "<->" + src) + (udp ? "/UDP" : "/TCP");
            FlowFeed feed = flows.get(flow);
            if (feed == null) {
                // As the engine does: the first payload decides the protocol and which side is the client.
                TestContext context = new TestContext(udp, settings);
                CheckResult verdict = protocol.check(Direction.CLIENT_TO_SERVER, payload, 0, payload.length, context);
                assertThat(verdict).as("check of the first payload of " + flow).isEqualTo(CheckResult.REQUEST);
                feed = new FlowFeed(src, new ParserDriver(protocol.newParser(context), context));
                flows.put(flow, feed);
            }
            Direction direction = src.equals(feed.client) ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
            if (udp) {
                feed.driver.datagram(direction, payload);
            } else {
                feed.driver.feed(direction, payload);
            }
        }

        Map<String, Map<String, Object>> logs = new HashMap<>();
        flows.forEach((flow, feed) -> {
            Map<Long, L7Message> waiting = new HashMap<>();
            for (L7Message m : feed.driver.end().messages()) {
                if (m.type() == MessageType.REQUEST) {
                    waiting.put(m.sessionId(), m);
                } else {
                    L7Message request = waiting.remove(m.sessionId());
                    // The response repeats the question: it must agree with the request's.
                    if (request != null) assertThat(questionOf(m)).isEqualTo(questionOf(request));
                    logs.put(flow + " #" + m.sessionId(), record(request, m));
                }
            }
            waiting.forEach((id, request) -> logs.put(flow + " #" + id, record(request, null)));
        });
        return logs;
    }

    private static Map<String, Object> record(L7Message request, L7Message response) {
        L7Message question = request != null ? request : response;
        Map<String, Object> r = new HashMap<>();
        r.put("type", request != null && response != null ? "session" : request != null ? "request" : "response");
        r.put("request_type", question.requestType());
        r.put("request_resource", question.requestResource());
        r.put("request_domain", question.requestDomain());
        r.put("endpoint", question.endpoint());
        r.put("request_id", question.sessionId());
        r.put("attributes.opcode", question.attributes().get("opcode"));
        if (response != null) {
            r.put("response_status", response.responseStatus().wireName());
            r.put("response_code", response.responseCode());
            r.put("response_result", response.responseResult());
        }
        return r;
    }

    private static List<String> questionOf(L7Message m) {
        return Arrays.asList(m.requestType(), m.requestResource(), m.requestDomain(), m.endpoint());
    }

    private record FlowFeed(String client, ParserDriver driver) {}

    @SuppressWarnings("unchecked")
    private static Map<String, Object> harnessConfig(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return Map.of();
        Object loaded = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
        return loaded == null ? Map.of() : (Map<String, Object>) loaded;
    }

    private static Object at(Map<String, Object> map, String... path) {
        Object node = map;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> m)) return null;
            node = m.get(key);
        }
        return node;
    }

    private static List<String> stringList(Object node) {
        if (node == null) return List.of();
        return ((List<?>) node).stream().map(String::valueOf).toList();
    }
}
