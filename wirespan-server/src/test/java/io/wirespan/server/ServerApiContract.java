package io.wirespan.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CallLog;
import io.wirespan.api.CallLogType;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.metrics.MetricsRow;
import io.wirespan.server.ingest.IngestCodec;
import io.wirespan.server.registry.Registry;
import io.wirespan.store.CallLogStore;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.QueryLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The server's API over a store: every store must answer these the same way (DuckDB and
 * ClickHouse, in the subclasses).
 */
abstract class ServerApiContract {
    private static final long T0 = 1_763_000_000_000_000L;
    private static final String TOKEN = "s3cret-token";

    @TempDir
    Path dir;
    private CallLogStore store;
    private DuckDbStore registryDatabase;
    private WirespanServer server;
    private Http http;

    /** The store under test, empty. */
    abstract CallLogStore openStore(Path dir) throws Exception;

    @BeforeEach
    void start() throws Exception {
        store = openStore(dir);
        registryDatabase = store instanceof DuckDbStore duck ? duck : DuckDbStore.open(dir.resolve("registry.duckdb"));
        store.append(sampleCalls());
        store.appendMetrics(List.of(new MetricsRow(60, T0, L7Protocol.HTTP1, "10.0.0.2", 80, "/api \"quoted\"\n", false, 10, 9, 1, 2, 1,
                9000, 9, 2000L, 1000L, 1500L, 2000L, 100, 900)));
        server = WirespanServer.start(new ServerSettings(store, dir.resolve("journal"), new Registry(registryDatabase), TOKEN, new QueryLimits(1000, Duration.ofSeconds(10)), null, "127.0.0.1", 0));
        http = new Http(server.uri());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        store.close();
        if (registryDatabase != store) registryDatabase.close();
    }

    @Test
    void healthAndTheQueryApi() throws Exception {
        assertThat(http.get("/healthz").json().get("status").asString()).isEqualTo("ok");

        Http.Answer answer = http.postJson("/v1/query", "{\"sql\": \"SELECT l7_protocol_str, count(*) AS n FROM l7_flow_log GROUP BY l7_protocol_str ORDER BY l7_protocol_str\"}");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("columns").toString()).isEqualTo("[\"l7_protocol_str\",\"n\"]");
        assertThat(json.get("rows").toString()).isEqualTo("[[\"HTTP\",4],[\"MySQL\",1],[\"Redis\",3]]");
        assertThat(json.get("truncated").asBoolean()).isFalse();

        JsonNode capped = http.postJson("/v1/query", "{\"sql\": \"SELECT flow_id FROM l7_flow_log\", \"max_rows\": 2}").json();
        assertThat(capped.get("rows")).hasSize(2);
        assertThat(capped.get("truncated").asBoolean()).isTrue();
    }

    @Test
    void theQueryApiRefusesWritesAndMalformedRequestsWithAMessage() throws Exception {
        for (String write : new String[] {"DROP TABLE l7_flow_log", "DELETE FROM l7_flow_log WHERE 1 = 1", "INSERT INTO l7_flow_log (flow_id) VALUES (1)"}) {
            Http.Answer refused = http.postJson("/v1/query", "{\"sql\": \"" + write + "\"}");
            assertThat(refused.status()).as(write).isEqualTo(400);
            assertThat(refused.json().get("error").asString()).as(write).isNotBlank();
        }

        Http.Answer injected = http.postJson("/v1/query", "{\"sql\": \"SELECT 1; DELETE FROM l7_flow_log\"}");
        assertThat(injected.status()).isEqualTo(400);

        Http.Answer notJson = http.postJson("/v1/query", "{\"sql\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("error").asString()).startsWith("the body is not the JSON expected");

        assertThat(http.postJson("/v1/query", "{}").json().get("error").asString()).isEqualTo("the body needs \"sql\"");
        assertThat(http.postJson("/v1/query", "{\"sql\": \"SELECT nope\"}").status()).isEqualTo(400);

        assertThat(http.postJson("/v1/query", "{\"sql\": \"SELECT count(*) FROM l7_flow_log\"}").json().get("rows").toString())
                .isEqualTo("[[8]]");
    }

    @Test
    void theExplorerFiltersWithBoundValues() throws Exception {
        JsonNode all = http.get("/v1/calls").json();
        assertThat(all.get("total").asLong()).isEqualTo(8);
        assertThat(all.get("calls").get(0).get("flow_id").asLong()).isEqualTo(8); // newest first
        assertThat(all.get("calls").get(0).has("trace_id")).isFalse(); // absent stays absent

        assertThat(http.get("/v1/calls?protocol=Redis").json().get("total").asLong()).isEqualTo(3);
        assertThat(http.get("/v1/calls?protocol=HTTP&status=server_error").json().get("total").asLong()).isEqualTo(1);
        assertThat(http.get("/v1/calls?text=ORDERS").json().get("total").asLong()).isEqualTo(4); // case does not matter
        assertThat(http.get("/v1/calls?text=from%20orders").json().get("total").asLong()).isEqualTo(1);
        assertThat(http.get("/v1/calls?from=" + (T0 + 2_000_000) + "&to=" + (T0 + 4_000_000)).json().get("total").asLong()).isEqualTo(2);
        JsonNode page = http.get("/v1/calls?limit=3&offset=3").json();
        assertThat(page.get("calls")).hasSize(3);
        assertThat(page.get("calls").get(0).get("flow_id").asLong()).isEqualTo(5);

        for (String hostile : List.of("x' OR '1'='1", "'; DROP TABLE l7_flow_log; --", "\\' OR 1=1 --", "%", "%_%")) {
            String q = URLEncoder.encode(hostile, StandardCharsets.UTF_8);
            assertThat(http.get("/v1/calls?text=" + q).json().get("total").asLong()).as(hostile).isZero();
            assertThat(http.get("/v1/calls?endpoint=" + q).json().get("total").asLong()).as(hostile).isZero();
            assertThat(http.get("/v1/calls?protocol=" + q).json().get("total").asLong()).as(hostile).isZero();
        }
        assertThat(http.get("/v1/calls").json().get("total").asLong()).isEqualTo(8);

        Http.Answer badStatus = http.get("/v1/calls?status=bogus");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("error").asString()).startsWith("status 'bogus' is not one of ok, client_error");
        assertThat(http.get("/v1/calls?from=yesterday").json().get("error").asString()).isEqualTo("from 'yesterday' is not a whole number");
        assertThat(http.get("/v1/calls?limit=100000").status()).isEqualTo(400);
    }

    @Test
    void summaryEndpointsAndRedOverTime() throws Exception {
        JsonNode summary = http.get("/v1/summary").json();
        assertThat(summary.get("from").asLong()).isEqualTo(T0);
        assertThat(summary.get("call_logs").asLong()).isEqualTo(8);
        assertThat(summary.get("protocols").get(0).get("protocol").asString()).isEqualTo("HTTP");

        JsonNode endpoints = http.get("/v1/endpoints?protocol=HTTP").json();
        assertThat(endpoints.get(0).get("endpoint").asString()).isEqualTo("/api/orders");
        assertThat(endpoints.get(0).get("requests").asLong()).isEqualTo(3);
        assertThat(endpoints.get(0).get("server_errors").asLong()).isEqualTo(1);
        assertThat(endpoints.get(0).get("client_errors").asLong()).isEqualTo(1);

        JsonNode red = http.get("/v1/red?protocol=HTTP&endpoint=/api/orders&step=60").json();
        assertThat(red.get("step_seconds").asLong()).isEqualTo(60);
        assertThat(red.get("points")).hasSize(1);
        JsonNode point = red.get("points").get(0);
        assertThat(point.get("requests").asLong()).isEqualTo(3);
        assertThat(point.get("p50").asDouble()).isEqualTo(2000.0); // response durations 1000, 2000 and 3000
        assertThat(point.get("p99").asDouble()).isBetween(2900.0, 3000.0);

        assertThat(http.get("/v1/red").json().get("step_seconds").asLong()).isEqualTo(1); // 8 s of data: 1 s steps

        JsonNode totals = http.get("/v1/totals?protocol=HTTP").json();
        assertThat(totals.get("requests").asLong()).isEqualTo(4);
        assertThat(totals.get("client_errors").asLong()).isEqualTo(1);
        assertThat(totals.get("server_errors").asLong()).isEqualTo(1);
        assertThat(totals.get("p50").asDouble()).isEqualTo(1750.0); // 1000, 1500, 2000 and 3000
        assertThat(http.get("/v1/red?step=0").status()).isEqualTo(400);
    }

    @Test
    void aTraceIsAssembledFromSpanIdsAndRequestIds() throws Exception {
        JsonNode trace = http.get("/v1/trace/trace-1").json();
        assertThat(trace.get("trace_id").asString()).isEqualTo("trace-1");
        JsonNode spans = trace.get("spans");
        // the ingress (root) > the orders service (by parent span id) > MySQL (by parent span id);
        // the proxy's upstream hop, with no trace header, hangs under the ingress by their shared X-Request-ID
        assertThat(spans).hasSize(4);
        assertThat(spans.get(0).get("call_log").get("flow_id").asLong()).isEqualTo(1);
        assertThat(spans.get(0).get("depth").asInt()).isZero();
        assertThat(spans.get(0).get("offset_micros").asLong()).isZero();
        List<Long> order = new ArrayList<>();
        List<Integer> depths = new ArrayList<>();
        for (JsonNode span : spans) {
            order.add(span.get("call_log").get("flow_id").asLong());
            depths.add(span.get("depth").asInt());
        }
        assertThat(order).containsExactly(1L, 2L, 3L, 4L);
        assertThat(depths).containsExactly(0, 1, 2, 1);
        assertThat(spans.get(3).get("linked_by").asString()).isEqualTo("x_request_id");

        assertThat(http.get("/v1/trace/none").json().get("spans")).isEmpty();
        assertThat(http.get("/v1/trace/" + URLEncoder.encode("x' OR '1'='1", StandardCharsets.UTF_8)).json().get("spans")).isEmpty();
    }

    @Test
    void prometheusMetricsEscapeWhatWasCaptured() throws Exception {
        Http.Answer metrics = http.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.headers().get("content-type").getFirst()).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body()).contains("# TYPE wirespan_application_requests_total counter")
                .contains("wirespan_application_requests_total{l7_protocol=\"HTTP\",server=\"10.0.0.2\",server_port=\"80\","
                        + "endpoint=\"/api \\\"quoted\\\"\\n\"} 10")
                .contains("wirespan_application_server_errors_total{l7_protocol=\"HTTP\"")
                .contains("wirespan_application_response_duration_seconds_sum{l7_protocol=\"HTTP\",server=\"10.0.0.2\",server_port=\"80\","
                        + "endpoint=\"/api \\\"quoted\\\"\\n\"} 0.009000")
                .contains("wirespan_server_ingest_batches_total 0");
        for (String line : metrics.body().split("\n")) {
            assertThat(line).matches("# (HELP|TYPE) .*|[a-z_]+(\\{.*\\})? [0-9.]+");
        }
    }

    @Test
    void ingestNeedsTheTokenStoresABatchOnceAndRefusesGarbage() throws Exception {
        CallLog log = CallLog.builder().type(CallLogType.SESSION).startTime(T0 + 9_000_000).endTime(T0 + 9_000_500).flowId(99)
                .protocol("TCP").client("10.1.0.1", 5000).server("10.1.0.2", 6379).l7Protocol(L7Protocol.REDIS).requestType("GET")
                .responseStatus(ResponseStatus.OK).responseDuration(500L).attributes(Map.of("k", "v")).build();
        byte[] batch = gzip(IngestCodec.encode("b-1", "host-a", List.of(log), List.of()).toByteArray());
        String[] headers = {"Content-Type", WirespanServer.PROTOBUF, "Content-Encoding", "gzip"};

        Http.Answer anonymous = http.post("/v1/ingest", batch, headers);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers()).containsKey("www-authenticate");
        assertThat(http.post("/v1/ingest", batch, with(headers, "Authorization", "Bearer wrong")).status()).isEqualTo(401);

        String[] authorized = with(headers, "Authorization", "Bearer " + TOKEN);
        JsonNode stored = http.post("/v1/ingest", batch, authorized).json();
        assertThat(stored.get("stored").asBoolean()).isTrue();
        assertThat(stored.get("call_logs").asInt()).isEqualTo(1);
        assertThat(http.post("/v1/ingest", batch, authorized).json().get("stored").asBoolean()).isFalse(); // a retry
        awaitStored();
        assertThat(http.post("/v1/ingest", batch, authorized).json().get("stored").asBoolean()).isFalse(); // a retry once stored
        assertThat(http.get("/v1/calls?server=10.1.0.2&port=6379").json().get("total").asLong()).isEqualTo(1);
        JsonNode back = http.get("/v1/calls?server=10.1.0.2").json().get("calls").get(0);
        assertThat(back.get("attributes").get("k").asString()).isEqualTo("v");
        assertThat(back.get("response_duration").asLong()).isEqualTo(500);

        assertThat(http.post("/v1/ingest", "garbage!".getBytes(), with(authorized)).json().get("error").asString())
                .startsWith("the body is not gzip");
        assertThat(http.post("/v1/ingest", gzip(new byte[] {(byte) 0xff, 0x01, 0x02}), authorized).status()).isEqualTo(400);
        assertThat(http.post("/v1/ingest", batch, "Content-Type", "text/plain", "Authorization", "Bearer " + TOKEN).status())
                .isEqualTo(415);
        byte[] noId = gzip(IngestCodec.encode("", "a", List.of(log), List.of()).toByteArray());
        assertThat(http.post("/v1/ingest", noId, authorized).json().get("error").asString()).isEqualTo("batch_id is missing");
        byte[] bomb = gzip(new byte[IngestCodec.MAX_BATCH_BYTES + 1024]);
        Http.Answer tooBig = http.post("/v1/ingest", bomb, authorized);
        assertThat(tooBig.status()).isEqualTo(413);

        assertThat(http.get("/metrics").body()).contains("wirespan_server_ingest_batches_total 1")
                .contains("wirespan_server_ingest_duplicate_batches_total 2").contains("wirespan_server_unauthorized_requests_total 2")
                .contains("wirespan_server_ingest_backlog_rows 0");
    }

    /** Waits until the store has every batch acknowledged: queries see a batch once it is stored, soon after its acknowledgement. */
    private void awaitStored() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.ingestBacklog() > 0) {
            assertThat(System.nanoTime()).as("stored within 30 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static String[] with(String[] headers, String... more) {
        String[] all = new String[headers.length + more.length];
        System.arraycopy(headers, 0, all, 0, headers.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** Eight calls, one a second: an HTTP trace through a proxy, Redis, MySQL and errors. */
    static List<CallLog> sampleCalls() {
        List<CallLog> calls = new ArrayList<>();
        // 1: ingress, trace-1, span a, request id r-1; 2: orders, child of a; 3: MySQL under orders;
        // 4: the proxy's upstream hop, no trace header, same request id, inside 1's time
        calls.add(http(1, T0, 10_000_000, 1_000, 200, "/api/orders", "trace-1", "a", null, "r-1"));
        calls.add(http(2, T0 + 1_000_000, 3_000, 2_000, 500, "/api/orders", "trace-1", "b", "a", null));
        calls.add(CallLog.builder().type(CallLogType.SESSION).startTime(T0 + 2_000_000).endTime(T0 + 2_001_000).flowId(3).protocol("TCP")
                .client("10.0.0.3", 40003).server("10.0.0.9", 3306).l7Protocol(L7Protocol.MYSQL).requestType("COM_QUERY")
                .requestResource("SELECT * FROM orders").responseStatus(ResponseStatus.OK).responseDuration(900L)
                .traceId("trace-1").spanId("c").parentSpanId("b").build());
        calls.add(http(4, T0 + 3_000_000, 4_000, 3_000, 404, "/api/orders", null, null, null, "r-1"));
        for (int i = 5; i <= 7; i++) {
            calls.add(CallLog.builder().type(CallLogType.SESSION).startTime(T0 + (i - 1) * 1_000_000L).endTime(T0 + (i - 1) * 1_000_000L + 100)
                    .flowId(i).protocol("TCP").client("10.0.0.4", 40000 + i).server("10.0.0.5", 6379).l7Protocol(L7Protocol.REDIS)
                    .requestType("GET").requestResource("GET key" + i).endpoint("GET")
                    .responseStatus(i == 7 ? ResponseStatus.SERVER_ERROR : ResponseStatus.OK).responseDuration(100L).build());
        }
        calls.add(http(8, T0 + 7_000_000, 2_000, 1_500, 200, "/health", null, null, null, null));
        return calls;
    }

    private static CallLog http(long flow, long start, long duration, long responseDuration, int code, String endpoint, String trace, String span, String parent,
                                String requestId) {
        ResponseStatus status = code >= 500 ? ResponseStatus.SERVER_ERROR : code >= 400 ? ResponseStatus.CLIENT_ERROR : ResponseStatus.OK;
        return CallLog.builder().type(CallLogType.SESSION).startTime(start).endTime(start + duration).flowId(flow).protocol("TCP")
                .client("10.0.0.1", (int) (40000 + flow)).server("10.0.0.2", 80).l7Protocol(L7Protocol.HTTP1).version("1.1")
                .requestType("GET").requestDomain("shop").requestResource(endpoint + "?id=" + flow).endpoint(endpoint)
                .responseStatus(status).responseCode(code).responseDuration(responseDuration)
                .traceId(trace).spanId(span).parentSpanId(parent).xRequestId0(requestId).build();
    }
}
