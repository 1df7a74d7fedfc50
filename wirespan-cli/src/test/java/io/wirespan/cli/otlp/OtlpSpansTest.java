package io.wirespan.cli.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.wirespan.api.CallLog;
import io.wirespan.api.CallLogType;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.ResponseStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Call logs of each protocol family as spans: ids, kind, name, times, status and attributes. */
class OtlpSpansTest {
    private static final long START = 1_763_800_000_123_456L; // µs
    private final OtlpSpans spans = new OtlpSpans("wirespan", "probe-7");

    @Test
    void anHttpServerSpanContinuesTheCallersW3cTrace() {
        CallLog log = CallLog.builder()
                .startTime(START).endTime(START + 2_500)
                .client("10.0.0.5", 51_234).server("10.0.0.9", 8080).agent("probe-7")
                .l7Protocol(L7Protocol.HTTP1).version("1.1").requestType("GET")
                .requestDomain("shop.example:8443").requestResource("/api/v1/users/42?verbose=1&x=2").endpoint("/api/v1")
                .responseStatus(ResponseStatus.OK).responseCode(200).requestId(7L)
                .traceId("4BF92F3577B34DA6A3CE929D0E0E4736").spanId("00f067aa0ba902b7")
                .build();

        SpanData span = spans.span(log);

        assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(span.getParentSpanContext().isRemote()).isTrue();
        assertThat(span.getSpanId()).matches(SpanId::isValid).isNotEqualTo("00f067aa0ba902b7");
        assertThat(span.getName()).isEqualTo("GET /api/v1");
        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.getStartEpochNanos()).isEqualTo(START * 1000);
        assertThat(span.getEndEpochNanos()).isEqualTo((START + 2_500) * 1000);
        assertThat(span.hasEnded()).isTrue();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(text(span, "http.request.method")).isEqualTo("GET");
        assertThat(text(span, "url.path")).isEqualTo("/api/v1/users/42");
        assertThat(text(span, "url.query")).isEqualTo("verbose=1&x=2");
        assertThat(text(span, "url.scheme")).isEqualTo("http");
        assertThat(number(span, "http.response.status_code")).isEqualTo(200);
        assertThat(text(span, "network.protocol.name")).isEqualTo("http");
        assertThat(text(span, "network.protocol.version")).isEqualTo("1.1");
        assertThat(text(span, "network.transport")).isEqualTo("tcp");
        assertThat(text(span, "network.type")).isEqualTo("ipv4");
        // the Host header names the server; the peer of a server span is the client
        assertThat(text(span, "server.address")).isEqualTo("shop.example");
        assertThat(number(span, "server.port")).isEqualTo(8443);
        assertThat(text(span, "network.peer.address")).isEqualTo("10.0.0.5");
        assertThat(number(span, "network.peer.port")).isEqualTo(51_234);
        assertThat(text(span, "client.address")).isEqualTo("10.0.0.5");
        assertThat(number(span, "client.port")).isEqualTo(51_234);
        assertThat(text(span, "wirespan.l7_protocol")).isEqualTo("HTTP");
        assertThat(text(span, "wirespan.response_status")).isEqualTo("ok");
        assertThat(number(span, "wirespan.response_code")).isEqualTo(200);
        assertThat(number(span, "wirespan.request_id")).isEqualTo(7);
        assertThat(text(span, "wirespan.agent")).isEqualTo("probe-7");
        assertThat(text(span, "wirespan.trace_id")).isEqualTo("4BF92F3577B34DA6A3CE929D0E0E4736");
        assertThat(span.getTotalAttributeCount()).isEqualTo(span.getAttributes().size());
        assertThat(span.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("wirespan");
        assertThat(span.getResource().getAttribute(AttributeKey.stringKey("host.name"))).isEqualTo("probe-7");
        assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("io.wirespan");
    }

    @Test
    void anHttpSpanBehindAProxyNamesTheRealClientAndAnUnknownMethodAsOther() {
        CallLog log = http().requestType("PURGE").requestDomain("[2001:db8::1]:8080")
                .requestResource("http://cache.example/static/app.js?v=3").endpoint(null)
                .httpProxyClient("203.0.113.7, 10.0.0.1").isTls(true)
                .responseStatus(ResponseStatus.CLIENT_ERROR).responseCode(405).responseException("Method Not Allowed")
                .build();

        SpanData span = spans.span(log);

        assertThat(span.getName()).isEqualTo("HTTP /static/app.js");
        assertThat(text(span, "http.request.method")).isEqualTo("_OTHER");
        assertThat(text(span, "http.request.method_original")).isEqualTo("PURGE");
        assertThat(text(span, "url.path")).isEqualTo("/static/app.js");
        assertThat(text(span, "url.query")).isEqualTo("v=3");
        assertThat(text(span, "url.scheme")).isEqualTo("https");
        assertThat(text(span, "server.address")).isEqualTo("2001:db8::1");
        assertThat(number(span, "server.port")).isEqualTo(8080);
        assertThat(text(span, "client.address")).isEqualTo("203.0.113.7");
        assertThat(span.getAttributes().get(AttributeKey.longKey("client.port"))).isNull();
        assertThat(text(span, "network.peer.address")).isEqualTo("10.0.0.5");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).isEqualTo("Method Not Allowed");
        assertThat(text(span, "error.type")).isEqualTo("405");
    }

    @Test
    void aRedisCommandIsAClientSpanInATraceOfItsOwn() {
        CallLog log = CallLog.builder()
                .startTime(START).endTime(START + 180)
                .client("10.0.0.5", 40_000).server("10.0.0.20", 6379)
                .l7Protocol(L7Protocol.REDIS).requestType("GET").requestResource("GET session:42")
                .responseStatus(ResponseStatus.OK).responseResult("bulk string")
                .build();

        SpanData span = spans.span(log);

        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(span.getName()).isEqualTo("GET");
        assertThat(span.getTraceId()).matches(TraceId::isValid);
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(text(span, "db.system.name")).isEqualTo("redis");
        assertThat(text(span, "db.operation.name")).isEqualTo("GET");
        assertThat(text(span, "db.query.text")).isEqualTo("GET session:42");
        assertThat(text(span, "network.protocol.name")).isEqualTo("redis");
        // the peer of a client span is the server
        assertThat(text(span, "network.peer.address")).isEqualTo("10.0.0.20");
        assertThat(number(span, "network.peer.port")).isEqualTo(6379);
        assertThat(text(span, "server.address")).isEqualTo("10.0.0.20");
        assertThat(number(span, "server.port")).isEqualTo(6379);
        assertThat(text(span, "wirespan.response_result")).isEqualTo("bulk string");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(spans.span(log).getTraceId()).as("no trace id: a new trace per call").isNotEqualTo(span.getTraceId());
    }

    @Test
    void aFailedMysqlQueryIsNamedByStatementAndTableAndMarkedAsAnError() {
        CallLog log = CallLog.builder()
                .startTime(START).endTime(START + 900)
                .client("10.0.0.5", 40_001).server("10.0.0.30", 3306)
                .l7Protocol(L7Protocol.MYSQL).version("10").requestType("COM_QUERY")
                .requestResource("  select * from orders where id = 1").endpoint("SELECT orders")
                .responseStatus(ResponseStatus.SERVER_ERROR).responseCode(1146)
                .responseException("Table 'shop.orders' doesn't exist").sqlAffectedRows(0L)
                .build();

        SpanData span = spans.span(log);

        assertThat(span.getName()).isEqualTo("SELECT orders");
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(text(span, "db.system.name")).isEqualTo("mysql");
        assertThat(text(span, "db.operation.name")).isEqualTo("SELECT");
        assertThat(text(span, "db.collection.name")).isEqualTo("orders");
        assertThat(text(span, "db.query.text")).isEqualTo("  select * from orders where id = 1");
        assertThat(text(span, "db.response.status_code")).isEqualTo("1146");
        assertThat(text(span, "error.type")).isEqualTo("1146");
        assertThat(number(span, "wirespan.sql_affected_rows")).isZero();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).isEqualTo("Table 'shop.orders' doesn't exist");
    }

    @Test
    void postgresqlReportsItsSqlstateAndMongodbItsCommandAndCollection() {
        CallLog postgres = CallLog.builder().startTime(START).endTime(START + 10)
                .client("10.0.0.5", 40_002).server("10.0.0.31", 5432)
                .l7Protocol(L7Protocol.POSTGRESQL).requestType("simple query").requestResource("SELECT 1 FROM missing")
                .responseStatus(ResponseStatus.CLIENT_ERROR).responseResult("42P01").responseException("undefined_table")
                .build();
        CallLog mongo = CallLog.builder().startTime(START).endTime(START + 10)
                .client("10.0.0.5", 40_003).server("10.0.0.32", 27017)
                .l7Protocol(L7Protocol.MONGODB).requestType("OP_MSG")
                .requestResource("{\"find\": \"orders\", \"filter\": {\"id\": 1}, \"$db\": \"shop\"}")
                .responseStatus(ResponseStatus.OK)
                .build();

        SpanData pg = spans.span(postgres);
        SpanData mg = spans.span(mongo);

        assertThat(pg.getName()).isEqualTo("SELECT");
        assertThat(text(pg, "db.system.name")).isEqualTo("postgresql");
        assertThat(text(pg, "db.response.status_code")).isEqualTo("42P01");
        assertThat(pg.getStatus().getDescription()).isEqualTo("undefined_table");
        assertThat(text(pg, "error.type")).isEqualTo("client_error");
        assertThat(mg.getName()).isEqualTo("find orders");
        assertThat(text(mg, "db.system.name")).isEqualTo("mongodb");
        assertThat(text(mg, "db.operation.name")).isEqualTo("find");
        assertThat(text(mg, "db.collection.name")).isEqualTo("orders");
    }

    @Test
    void aKafkaProduceContinuesAJaegerTraceWidenedTo128Bits() {
        CallLog log = CallLog.builder()
                .startTime(START).endTime(START + 3_000)
                .client("10.0.0.5", 40_004).server("10.0.0.40", 9092)
                .l7Protocol(L7Protocol.KAFKA).version("9").requestType("Produce")
                .requestDomain("orders").endpoint("orders-3").requestResource("orders-3:120")
                .requestId(17L).xRequestId0("17").xRequestId1("17")
                .responseStatus(ResponseStatus.OK).responseCode(0)
                .traceId("a3ce929d0e0e4736").spanId("f067aa0ba902b7")
                .attributes(Map.of("group_id", "billing"))
                .build();

        SpanData span = spans.span(log);

        assertThat(span.getTraceId()).isEqualTo("0000000000000000a3ce929d0e0e4736");
        assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(span.getName()).isEqualTo("Produce orders");
        assertThat(text(span, "messaging.system")).isEqualTo("kafka");
        assertThat(text(span, "messaging.operation.name")).isEqualTo("Produce");
        assertThat(text(span, "messaging.destination.name")).isEqualTo("orders");
        assertThat(text(span, "messaging.destination.partition.id")).isEqualTo("3");
        assertThat(text(span, "messaging.consumer.group.name")).isEqualTo("billing");
        assertThat(text(span, "wirespan.attribute.group_id")).isEqualTo("billing");
        assertThat(text(span, "wirespan.x_request_id_0")).isEqualTo("17");
    }

    @Test
    void aMqttPublishIsNamedByItsTopic() {
        CallLog log = CallLog.builder().startTime(START).endTime(START)
                .client("10.0.0.5", 40_005).server("10.0.0.41", 1883)
                .l7Protocol(L7Protocol.MQTT).version("5").requestType("PUBLISH")
                .requestResource("sensors/kitchen").endpoint("sensors/kitchen")
                .type(CallLogType.REQUEST)
                .build();

        SpanData span = spans.span(log);

        assertThat(span.getName()).isEqualTo("PUBLISH sensors/kitchen");
        assertThat(text(span, "messaging.system")).isEqualTo("mqtt");
        assertThat(text(span, "messaging.destination.name")).isEqualTo("sensors/kitchen");
        assertThat(text(span, "wirespan.type")).isEqualTo("request");
        assertThat(span.getEndEpochNanos()).isEqualTo(span.getStartEpochNanos());
    }

    @Test
    void aGrpcCallIsAServerSpanNamedByServiceAndMethod() {
        CallLog log = CallLog.builder()
                .startTime(START).endTime(START + 4_000)
                .client("10.0.0.5", 40_006).server("10.0.0.50", 50051)
                .l7Protocol(L7Protocol.GRPC).version("2").requestType("POST")
                .requestDomain("greeter:50051").requestResource("helloworld.Greeter")
                .endpoint("/helloworld.Greeter/SayHello").requestId(1L)
                .responseStatus(ResponseStatus.CLIENT_ERROR).responseCode(5).responseException("NOT_FOUND")
                .build();

        SpanData span = spans.span(log);

        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.getName()).isEqualTo("helloworld.Greeter/SayHello");
        assertThat(text(span, "rpc.system")).isEqualTo("grpc");
        assertThat(text(span, "rpc.service")).isEqualTo("helloworld.Greeter");
        assertThat(text(span, "rpc.method")).isEqualTo("SayHello");
        assertThat(number(span, "rpc.grpc.status_code")).isEqualTo(5);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aDnsQueryIsAClientSpanOverUdpNamedByItsType() {
        CallLog log = CallLog.builder()
                .startTime(START).endTime(START + 700).protocol("UDP")
                .client("fd00::5", 53_000).server("fd00::53", 53)
                .l7Protocol(L7Protocol.DNS).requestType("AAAA").requestResource("api.example.com")
                .requestDomain("api.example.com").endpoint("api.example.com").requestId(4660L)
                .responseStatus(ResponseStatus.CLIENT_ERROR).responseCode(3).responseException("NXDomain")
                .build();

        SpanData span = spans.span(log);

        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(span.getName()).isEqualTo("DNS AAAA");
        assertThat(text(span, "dns.question.name")).isEqualTo("api.example.com");
        assertThat(text(span, "network.transport")).isEqualTo("udp");
        assertThat(text(span, "network.type")).isEqualTo("ipv6");
        assertThat(text(span, "network.peer.address")).isEqualTo("fd00::53");
        assertThat(span.getStatus().getDescription()).isEqualTo("NXDomain");
    }

    @Test
    void anUnansweredRequestIsAnErrorNamedTimeout() {
        CallLog log = http().type(CallLogType.REQUEST).responseStatus(ResponseStatus.TIMEOUT).responseCode(null).build();

        SpanData span = spans.span(log);

        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).isEqualTo("timeout");
        assertThat(text(span, "error.type")).isEqualTo("timeout");
        assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isNull();
    }

    @Test
    void aTraceIdThatIsNotHexIsHashedTheSameWayEveryTime() {
        String skywalking = "a1b2c3d4.35.16900000000001"; // sw8's trace id, base64-decoded
        SpanData first = spans.span(http().traceId(skywalking).spanId("a1b2c3d4.35.16900000000001-0").build());
        SpanData second = spans.span(http().traceId(skywalking).spanId("a1b2c3d4.35.16900000000001-1").build());
        SpanData other = spans.span(http().traceId("a1b2c3d4.35.16900000000002").build());

        assertThat(first.getTraceId()).matches(TraceId::isValid).isEqualTo(second.getTraceId());
        assertThat(other.getTraceId()).isNotEqualTo(first.getTraceId());
        assertThat(first.getParentSpanContext().isValid()).as("SkyWalking's span id is no OpenTelemetry span").isFalse();
        assertThat(first.getSpanId()).isNotEqualTo(second.getSpanId());
    }

    @Test
    void anInvalidTraceIdStartsATraceOfItsOwn() {
        String zeros = "00000000000000000000000000000000";
        SpanData a = spans.span(http().traceId(zeros).spanId("00f067aa0ba902b7").build());
        SpanData b = spans.span(http().traceId(zeros).spanId("00f067aa0ba902b7").build());

        assertThat(a.getTraceId()).matches(TraceId::isValid).isNotEqualTo(b.getTraceId()).isNotEqualTo(zeros);
        assertThat(a.getParentSpanContext().isValid()).isFalse();
        assertThat(TraceIds.traceId("4bf92f3577b34da6a3ce929d0e0e47360")).as("33 digits are not an id")
                .matches(TraceId::isValid).isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceIds.spanId("0000000000000000")).isNull();
        assertThat(TraceIds.spanId("00f067aa0ba902b70")).isNull();
    }

    @Test
    void aPluginsProtocolIsAClientSpanNamedByProtocolAndRequestType() {
        CallLog log = CallLog.builder().startTime(START).endTime(START + 5)
                .client("10.0.0.5", 40_007).server("10.0.0.60", 7000)
                .l7Protocol(new L7Protocol(127, "Acme")).requestType("LOOKUP").plugin("acme")
                .responseStatus(ResponseStatus.OK)
                .build();

        SpanData span = spans.span(log);

        assertThat(span.getName()).isEqualTo("Acme LOOKUP");
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(text(span, "wirespan.plugin")).isEqualTo("acme");
        assertThat(text(span, "network.protocol.name")).isEqualTo("acme");
    }

    private static CallLog.Builder http() {
        return CallLog.builder()
                .startTime(START).endTime(START + 1_000)
                .client("10.0.0.5", 51_000).server("10.0.0.9", 80)
                .l7Protocol(L7Protocol.HTTP1).version("1.1").requestType("GET")
                .requestResource("/health").endpoint("/health")
                .responseStatus(ResponseStatus.OK).responseCode(200);
    }

    private static String text(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    private static Long number(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.longKey(key));
    }
}
