package io.wirespan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespan.api.CallLog;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.ResponseStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Batches of call logs sent as OTLP/HTTP spans to a receiver started by the test, which decodes the protobuf. */
class OtlpDestinationTest {
    private static final long START = 1_763_800_000_000_000L; // µs
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736", CALLER_SPAN = "00f067aa0ba902b7";

    @Test
    void everyCallLogOfABatchReachesTheReceiverAsASpan() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            OtlpDestination destination = new OtlpDestination(receiver.baseUrl(), Map.of("Authorization", "Bearer t0k3n"),
                    "probe-7");
            List<CallLog> batch = new ArrayList<>(List.of(httpCall(), redisCall(), kafkaError()));
            for (int i = 0; i < 500; i++) batch.add(dnsQuery(i));

            destination.deliver(batch);
            destination.finish();

            List<OtlpReceiver.Span> spans = receiver.spans();
            assertThat(spans).hasSize(batch.size());
            assertThat(spans).extracting(OtlpReceiver.Span::spanId).doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(id).hasSize(16).isNotEqualTo("0".repeat(16)));
            assertThat(spans).allSatisfy(s -> {
                assertThat(s.resource()).containsEntry("service.name", "wirespan").containsEntry("host.name", "probe-7");
                assertThat(s.scope()).isEqualTo("io.wirespan");
            });
            assertThat(receiver.requests()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.headers()).containsEntry("content-encoding", "gzip");
                assertThat(r.headers()).containsEntry("authorization", "Bearer t0k3n");
            });

            Map<String, OtlpReceiver.Span> byName = spans.stream().filter(s -> !s.name().startsWith("DNS"))
                    .collect(Collectors.toMap(OtlpReceiver.Span::name, Function.identity()));
            OtlpReceiver.Span http = byName.get("GET /api/orders");
            assertThat(http.traceId()).isEqualTo(TRACE);
            assertThat(http.parentSpanId()).isEqualTo(CALLER_SPAN);
            assertThat(http.kind()).isEqualTo(OtlpReceiver.KIND_SERVER);
            assertThat(http.startNanos()).isEqualTo(START * 1000);
            assertThat(http.endNanos()).isEqualTo((START + 1_250) * 1000);
            assertThat(http.statusCode()).isEqualTo(OtlpReceiver.STATUS_UNSET);
            assertThat(http.attributes())
                    .containsEntry("http.request.method", "GET")
                    .containsEntry("url.path", "/api/orders/17")
                    .containsEntry("http.response.status_code", 200L)
                    .containsEntry("server.address", "shop.example")
                    .containsEntry("network.peer.address", "10.1.0.5")
                    .containsEntry("network.peer.port", 50_000L)
                    .containsEntry("wirespan.l7_protocol", "HTTP")
                    .containsEntry("wirespan.is_tls", false);

            OtlpReceiver.Span redis = byName.get("SET");
            assertThat(redis.kind()).isEqualTo(OtlpReceiver.KIND_CLIENT);
            assertThat(redis.parentSpanId()).isEmpty();
            assertThat(redis.traceId()).hasSize(32).isNotEqualTo(TRACE).isNotEqualTo("0".repeat(32));
            assertThat(redis.attributes())
                    .containsEntry("db.system.name", "redis")
                    .containsEntry("db.query.text", "SET cart:9 1")
                    .containsEntry("server.port", 6379L);

            OtlpReceiver.Span kafka = byName.get("Fetch payments");
            assertThat(kafka.kind()).isEqualTo(OtlpReceiver.KIND_CLIENT);
            assertThat(kafka.statusCode()).isEqualTo(OtlpReceiver.STATUS_ERROR);
            assertThat(kafka.statusMessage()).isEqualTo("NOT_LEADER_OR_FOLLOWER");
            assertThat(kafka.attributes())
                    .containsEntry("messaging.system", "kafka")
                    .containsEntry("messaging.destination.name", "payments")
                    .containsEntry("wirespan.response_code", 6L);

            List<OtlpReceiver.Span> dns = spans.stream().filter(s -> s.name().equals("DNS A")).toList();
            assertThat(dns).hasSize(500).allSatisfy(s -> {
                long id = (Long) s.attributes().get("wirespan.request_id");
                assertThat(s.startNanos()).isEqualTo((START + id) * 1000);
                assertThat(s.attributes()).containsEntry("dns.question.name", "host" + id + ".example")
                        .containsEntry("network.transport", "udp");
            });
            assertThat(dns).extracting(s -> (Long) s.attributes().get("wirespan.request_id"))
                    .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 500).boxed().toList());
        }
    }

    @Test
    void aReceiverThatFailsMakesTheBatchFailAndTheNextOneStillGoes() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            OtlpDestination destination = new OtlpDestination(receiver.baseUrl(), Map.of(), "probe-7");
            receiver.answer(500);

            assertThatThrownBy(() -> destination.deliver(List.of(httpCall())))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(receiver.baseUrl() + "/v1/traces")
                    .hasMessageContaining("an error status");
            assertThat(receiver.spans()).isEmpty();

            receiver.answer(200);
            destination.deliver(List.of(redisCall()));
            destination.finish();
            assertThat(receiver.spans()).extracting(OtlpReceiver.Span::name).containsExactly("SET");
        }
    }

    @Test
    void anUnreachableReceiverMakesTheBatchFail() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        OtlpDestination destination = new OtlpDestination(URI.create("http://127.0.0.1:" + port), Map.of(), "probe-7");
        try {
            assertThatThrownBy(() -> destination.deliver(List.of(httpCall())))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("http://127.0.0.1:" + port + "/v1/traces")
                    .hasMessageEndingWith("cannot connect");
        } finally {
            destination.finish();
        }
    }

    @Test
    void aBaseUrlGetsTheTracesPathAndOtherUrlsAreRefused() {
        assertThat(OtlpDestination.tracesUrl(URI.create("http://collector:4318")))
                .isEqualTo(URI.create("http://collector:4318/v1/traces"));
        assertThat(OtlpDestination.tracesUrl(URI.create("https://collector:4318/")))
                .isEqualTo(URI.create("https://collector:4318/v1/traces"));
        assertThat(OtlpDestination.tracesUrl(URI.create("http://gateway/otlp/v1/traces")))
                .isEqualTo(URI.create("http://gateway/otlp/v1/traces"));
        assertThatThrownBy(() -> OtlpDestination.tracesUrl(URI.create("grpc://collector:4317")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grpc://collector:4317");
        assertThatThrownBy(() -> OtlpDestination.tracesUrl(URI.create("collector:4318")))
                .isInstanceOf(IllegalArgumentException.class);
        OtlpDestination destination = new OtlpDestination(URI.create("http://collector:4318"), Map.of(), "probe-7");
        assertThat(destination.describe()).isEqualTo("http://collector:4318/v1/traces");
        destination.finish();
    }

    private static CallLog httpCall() {
        return CallLog.builder().startTime(START).endTime(START + 1_250)
                .client("10.1.0.5", 50_000).server("10.1.0.9", 8080).agent("probe-7")
                .l7Protocol(L7Protocol.HTTP1).version("1.1").requestType("GET").isTls(false)
                .requestDomain("shop.example").requestResource("/api/orders/17").endpoint("/api/orders")
                .responseStatus(ResponseStatus.OK).responseCode(200)
                .traceId(TRACE).spanId(CALLER_SPAN)
                .build();
    }

    private static CallLog redisCall() {
        return CallLog.builder().startTime(START + 10).endTime(START + 90)
                .client("10.1.0.9", 41_000).server("10.1.0.20", 6379)
                .l7Protocol(L7Protocol.REDIS).requestType("SET").requestResource("SET cart:9 1")
                .responseStatus(ResponseStatus.OK)
                .build();
    }

    private static CallLog kafkaError() {
        return CallLog.builder().startTime(START + 20).endTime(START + 2_000)
                .client("10.1.0.9", 41_001).server("10.1.0.30", 9092)
                .l7Protocol(L7Protocol.KAFKA).requestType("Fetch").requestDomain("payments").endpoint("payments-0")
                .responseStatus(ResponseStatus.SERVER_ERROR).responseCode(6).responseException("NOT_LEADER_OR_FOLLOWER")
                .build();
    }

    private static CallLog dnsQuery(int i) {
        return CallLog.builder().startTime(START + i).endTime(START + i + 300).protocol("UDP")
                .client("10.1.0.9", 30_000 + i).server("10.1.0.53", 53)
                .l7Protocol(L7Protocol.DNS).requestType("A").requestResource("host" + i + ".example")
                .requestId((long) i).responseStatus(ResponseStatus.OK).responseCode(0)
                .build();
    }
}
