package io.wirespan.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real nginx, real curl, captured by tcpdump on lo: every exchange curl made is a call log saying what curl saw. */
class HttpLiveTrafficTest {
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @TempDir
    Path temp;

    @Test
    void everyHttp1ExchangeOfCurlIsOneCallLogWithTheMethodPathStatusAndTagsCurlSaw() {
        List<Curl.Exchange> exchanges = new ArrayList<>();
        int port;
        CallLogs logs;
        try (Nginx nginx = Nginx.start();
             LoopbackCapture capture = LoopbackCapture.start(temp.resolve("http1.pcap"), "tcp port " + nginx.http1Port())) {
            port = nginx.http1Port();
            String base = "http://127.0.0.1:" + port;
            // two requests on one keep-alive connection
            exchanges.addAll(Curl.run("GET", List.of(), Map.of(), base + "/api/users", base + "/api/users?page=2"));
            exchanges.addAll(Curl.run("POST", List.of("-H", "Content-Type: application/json", "-d", "{\"item\":\"book\",\"qty\":2}"),
                    Map.of("Host", "shop.example.test"), base + "/api/orders"));
            exchanges.addAll(Curl.run("GET", List.of(), Map.of("traceparent", TRACEPARENT), base + "/old"));
            exchanges.addAll(Curl.run("GET", List.of(), Map.of("X-Request-ID", "6f1c2d"), base + "/no/such/page"));
            exchanges.addAll(Curl.run("GET", List.of(), Map.of(), base + "/boom"));
            exchanges.addAll(Curl.run("HEAD", List.of("-I"), Map.of(), base + "/api/users"));
            logs = CallLogs.parse(capture.stop(), temp, null);
        }

        assertThat(exchanges).extracting(Curl.Exchange::code).containsExactly(200, 200, 201, 301, 404, 503, 200);
        SoftAssertions softly = new SoftAssertions();
        for (Curl.Exchange x : exchanges) {
            Expected expected = common(x, port)
                    .put("l7_protocol", 20).put("l7_protocol_str", "HTTP").put("version", "1.1")
                    .put("request_domain", x.headers().getOrDefault("Host", "127.0.0.1:" + port))
                    .put("response_exception", x.code() >= 400 ? x.reason() : null);
            if (x.method().equals("POST")) expected.put("request_length", x.sizeUpload());
            if (!x.method().equals("HEAD")) expected.put("response_length", x.sizeDownload());
            CallLogs.Log log = logs.only(x.method() + " " + x.target() + " from port " + x.localPort(),
                    l -> Long.valueOf(x.localPort()).equals(l.get("client_port")) && x.target().equals(l.get("request_resource")));
            softly.assertThat(log.fields(expected.fields().keySet())).as(x + "\n" + log.line()).isEqualTo(expected.fields());
        }
        softly.assertThat(logs.all()).as("call logs besides curl's exchanges:\n" + logs.dump()).hasSize(exchanges.size());
        logs.assertTimed(softly);
        softly.assertAll();
    }

    @Test
    void everyH2cExchangeOfCurlIsOneHttp2CallLogWithItsStreamIdAndStatus() {
        List<Curl.Exchange> exchanges = new ArrayList<>();
        int port;
        CallLogs logs;
        try (Nginx nginx = Nginx.start();
             LoopbackCapture capture = LoopbackCapture.start(temp.resolve("h2c.pcap"), "tcp port " + nginx.h2cPort())) {
            port = nginx.h2cPort();
            String base = "http://127.0.0.1:" + port;
            // one connection per request: curl 7.88 fails (exit 16) to send a second request on an h2c
            // prior-knowledge connection; the gRPC test has several streams on one connection
            exchanges.addAll(Curl.run("GET", List.of("--http2-prior-knowledge"), Map.of("X-Request-ID", "a1b2"),
                    base + "/api/users"));
            exchanges.addAll(Curl.run("GET", List.of("--http2-prior-knowledge"), Map.of(), base + "/no/such/page"));
            exchanges.addAll(Curl.run("PUT", List.of("--http2-prior-knowledge", "-X", "PUT", "-H", "Content-Type: application/json",
                    "--data-binary", "{\"item\":\"pen\"}"), Map.of("traceparent", TRACEPARENT), base + "/uploads/order-1.json"));
            exchanges.addAll(Curl.run("GET", List.of("--http2-prior-knowledge"), Map.of(), base + "/boom"));
            logs = CallLogs.parse(capture.stop(), temp, null);
        }

        assertThat(exchanges).extracting(Curl.Exchange::code).containsExactly(200, 404, 201, 503);
        assertThat(exchanges).extracting(Curl.Exchange::httpVersion).containsOnly("2");
                SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < exchanges.size(); i++) {
            Curl.Exchange x = exchanges.get(i);
            Expected expected = common(x, port)
                    .put("l7_protocol", 21).put("l7_protocol_str", "HTTP2").put("version", "2")
                    .put("request_domain", "127.0.0.1:" + port)
                    .put("request_id", 1)
                    .put("response_length", x.sizeDownload());
            if (x.method().equals("PUT")) expected.put("request_length", x.sizeUpload());
            CallLogs.Log log = logs.only(x.method() + " " + x.target() + " from port " + x.localPort(),
                    l -> Long.valueOf(x.localPort()).equals(l.get("client_port")) && x.target().equals(l.get("request_resource")));
            softly.assertThat(log.fields(expected.fields().keySet())).as(x + "\n" + log.line()).isEqualTo(expected.fields());
        }
        softly.assertThat(logs.all()).as("call logs besides curl's exchanges:\n" + logs.dump()).hasSize(exchanges.size());
        logs.assertTimed(softly);
        softly.assertAll();
    }

    /** What every HTTP exchange's call log has, whatever the version. */
    private static Expected common(Curl.Exchange x, int serverPort) {
        String traceparent = x.headers().get("traceparent");
        return new Expected()
                .put("type", "session").put("protocol", "TCP")
                .put("ip_0", "127.0.0.1").put("ip_1", "127.0.0.1")
                .put("client_port", x.localPort()).put("server_port", serverPort)
                .put("request_type", x.method())
                .put("request_resource", x.target())
                .put("endpoint", Expected.httpEndpoint(x.target()))
                .put("response_code", x.code())
                .put("response_status", Expected.httpStatus(x.code()))
                .put("x_request_id_0", x.headers().get("X-Request-ID"))
                .put("trace_id", traceparent == null ? null : traceparent.split("-")[1])
                .put("span_id", traceparent == null ? null : traceparent.split("-")[2]);
    }
}
