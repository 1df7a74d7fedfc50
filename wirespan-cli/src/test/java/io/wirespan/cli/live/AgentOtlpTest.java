package io.wirespan.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.cli.OtlpReceiver;
import io.wirespan.cli.WirespanCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent on lo while curl calls nginx with a W3C traceparent and redis-cli talks to Redis,
 * exporting OTLP/HTTP spans to a receiver started here: the HTTP call is a SERVER span in the
 * caller's trace, a child of the caller's span, with OTel's HTTP attributes; the Redis command a
 * CLIENT span with the database ones; the local store has the same calls.
 */
class AgentOtlpTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @TempDir
    Path temp;

    @Test
    void exportsEachCallLogAsASpanWithItsTraceAndOtelAttributes() throws Exception {
        Path log = temp.resolve("agent.log");
        Path config = Files.writeString(temp.resolve("agent.yaml"), RedisLiveTrafficTest.NO_OBFUSCATION);
        Curl.Exchange call;
        RedisCli.Exchange command;
        int nginxPort, redisPort;
        try (OtlpReceiver receiver = new OtlpReceiver(); Nginx nginx = Nginx.start(); RedisServer redis = RedisServer.start()) {
            nginxPort = nginx.http1Port();
            redisPort = redis.port();
            Process agent = JavaPrograms.start(WirespanCommand.class, List.of(), List.of("agent", "--interface", "lo",
                    "--bpf", "tcp port " + nginxPort + " or tcp port " + redisPort, "--db", temp.resolve("agent.duckdb").toString(),
                    "--config", config.toString(), "--otlp-endpoint", receiver.baseUrl().toString(),
                    "--otlp-header", "X-Tenant=team-a", "--metrics-port", "0"), log);
            Agents.awaitCapturing(agent, log);
            call = Curl.run("GET", List.of(), Map.of("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01"),
                    "http://" + Loopback.ADDRESS + ":" + nginxPort + "/api/users?id=7").getFirst();
            command = RedisCli.command(redisPort, "SET", "user:7", "bob");
            Loopback.sleep(2500); // the export's batches leave at least once a second
            assertThat(Agents.scrape(log)).contains("wirespan_agent_otlp_spans_total 2\n")
                    .contains("wirespan_agent_otlp_failed_spans_total 0\n");
            Agents.stop(agent, log);
            assertThat(Programs.read(log)).contains("wirespan agent: 2 spans exported to " + receiver.baseUrl() + "/v1/traces");

            assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.headers()).containsEntry("x-tenant", "team-a"));
            List<OtlpReceiver.Span> spans = receiver.spans();
            assertThat(spans).hasSize(2);
            OtlpReceiver.Span http = spans.stream().filter(s -> s.attributes().containsKey("http.request.method")).findFirst().orElseThrow();
            assertThat(http.traceId()).isEqualTo(TRACE_ID);
            assertThat(http.parentSpanId()).isEqualTo(CALLER_SPAN);
            assertThat(http.spanId()).hasSize(16).isNotEqualTo(CALLER_SPAN);
            assertThat(http.kind()).isEqualTo(OtlpReceiver.KIND_SERVER);
            assertThat(http.endNanos()).isGreaterThan(http.startNanos());
            assertThat(http.attributes()).containsEntry("http.request.method", "GET").containsEntry("url.path", "/api/users")
                    .containsEntry("url.query", "id=7").containsEntry("http.response.status_code", (long) call.code())
                    .containsEntry("server.port", (long) nginxPort).containsEntry("client.port", (long) call.localPort());
            assertThat(http.statusCode()).isEqualTo(call.code() >= 400 ? OtlpReceiver.STATUS_ERROR : OtlpReceiver.STATUS_UNSET);

            OtlpReceiver.Span redisSpan = spans.stream().filter(s -> "redis".equals(s.attributes().get("db.system.name")))
                    .findFirst().orElseThrow();
            assertThat(redisSpan.kind()).isEqualTo(OtlpReceiver.KIND_CLIENT);
            assertThat(redisSpan.traceId()).hasSize(32).isNotEqualTo(TRACE_ID);
            assertThat(redisSpan.attributes()).containsEntry("db.operation.name", "SET").containsEntry("db.query.text", command.line())
                    .containsEntry("server.port", (long) redisPort);
            assertThat(redisSpan.resource()).containsKey("host.name").containsEntry("service.name", "wirespan");
        }
    }
}
