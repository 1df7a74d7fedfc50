package io.wirespan.server;

import io.wirespan.api.CallLog;
import io.wirespan.api.CallLogType;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.ResponseStatus;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Two hours of made-up traffic for the web UI's tests: HTTP, gRPC, MySQL, Redis, DNS and Kafka with
 * realistic latencies and an incident (more load, server errors, slow orders) in the middle; one
 * trace four levels deep with a proxy hop joined by X-Request-ID; and, newest of all, call logs
 * whose strings were written by an attacker.
 */
final class UiSampleData {
    static final long T0 = 1_763_000_000_000_000L;
    static final long MINUTE = 60_000_000L;
    static final long END = T0 + 120 * MINUTE;
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String HOSTILE_TRACE_ID = "\"><img src=x onerror=window.__pwned=1>";
    static final String SCRIPT = "<script>window.__pwned=1</script>";
    static final String IMG = "<img src=x onerror=window.__pwned=1>";
    static final String HOSTILE_ENDPOINT = "/api/" + SCRIPT;
    static final String UNICODE_RESOURCE = "/café/日本語/🚀?q=ünïcødé&who=👩‍💻";
    static final String QUOTES_RESOURCE = "SET \"key\" 'va\"lue' \\back\\slash";
    static final String LONG_RESOURCE = "/api/orders?ids=" + "1234567890,".repeat(500) + "end";
    static final String PLUGIN = "hello";
    static final int PLUGIN_CALL_LOGS = 3;
    static final L7Protocol EVIL_PROTOCOL = new L7Protocol(127, "<i>evil</i>");

    private UiSampleData() {}

    private static long flows;

    static synchronized List<CallLog> calls() {
        flows = 0;
        Random random = new Random(42);
        List<CallLog> calls = new ArrayList<>();
        for (int minute = 0; minute < 120; minute++) {
            boolean incident = minute >= 70 && minute < 80;
            int perMinute = (int) (18 + 8 * Math.sin(minute / 12.0)) + (incident ? 25 : 0);
            for (int n = 0; n < perMinute; n++) {
                long start = T0 + minute * MINUTE + (long) (random.nextDouble() * MINUTE);
                calls.add(background(random, start, incident));
            }
        }
        calls.addAll(trace(END - 5 * MINUTE));
        calls.addAll(fromPlugin(END - 20 * MINUTE));
        calls.addAll(hostile(END - 30_000_000L));
        return calls;
    }

    private static CallLog background(Random random, long start, boolean incident) {
        double kind = random.nextDouble();
        String client = "10.1.0." + (2 + random.nextInt(40));
        if (kind < 0.30) {
            boolean error = random.nextDouble() < (incident ? 0.25 : 0.02);
            boolean notFound = !error && random.nextDouble() < 0.06;
            int code = error ? 503 : notFound ? 404 : 200;
            long latency = latency(random, incident ? 90_000 : 18_000);
            String trace = random.nextDouble() < 0.15 ? HexFormat.of().formatHex(randomBytes(random, 16)) : null;
            return http(start, client, "10.0.0.10", 80, "GET", "shop.example", "/api/orders?id=" + random.nextInt(5000), "/api/orders",
                    code, latency, trace).build();
        } else if (kind < 0.45) {
            int code = random.nextDouble() < 0.04 ? 401 : 200;
            return http(start, client, "10.0.0.11", 8080, random.nextBoolean() ? "GET" : "PUT", "users.internal",
                    "/api/users/" + random.nextInt(900), "/api/users", code, latency(random, 4_000), null).build();
        } else if (kind < 0.52) {
            return http(start, client, "10.0.0.10", 80, "GET", "shop.example", "/health", "/health", 200, latency(random, 300), null).build();
        } else if (kind < 0.62) {
            boolean timeout = random.nextDouble() < (incident ? 0.2 : 0.01);
            long latency = latency(random, 35_000);
            return base(start, latency, client, "10.0.0.30", 50051, L7Protocol.GRPC).version("2").requestType("POST")
                    .requestDomain("payments.Payments").requestResource("/payments.Payments/Charge").endpoint("/payments.Payments/Charge")
                    .responseStatus(timeout ? ResponseStatus.TIMEOUT : ResponseStatus.OK).responseCode(timeout ? null : 0)
                    .responseDuration(timeout ? null : latency).build();
        } else if (kind < 0.75) {
            boolean set = random.nextDouble() < 0.3;
            String key = "session:" + random.nextInt(300);
            return base(start, latency(random, 180), client, "10.0.0.20", 6379, L7Protocol.REDIS).requestType(set ? "SET" : "GET")
                    .requestResource(set ? "SET " + key + " <value>" : "GET " + key).endpoint(set ? "SET" : "GET")
                    .responseStatus(ResponseStatus.OK).responseResult(set ? "OK" : "bulk").responseDuration(latency(random, 180)).build();
        } else if (kind < 0.87) {
            boolean error = random.nextDouble() < 0.02;
            long latency = latency(random, incident ? 25_000 : 2_500);
            return base(start, latency, client, "10.0.0.21", 3306, L7Protocol.MYSQL).requestType("COM_QUERY")
                    .requestResource("SELECT id, total FROM orders WHERE customer_id = " + random.nextInt(800))
                    .responseStatus(error ? ResponseStatus.CLIENT_ERROR : ResponseStatus.OK).responseCode(error ? 2013 : null)
                    .responseException(error ? "Lost connection to MySQL server during query" : null)
                    .sqlAffectedRows(error ? null : (long) random.nextInt(20)).responseDuration(latency).build();
        } else if (kind < 0.95) {
            boolean nx = random.nextDouble() < 0.1;
            String name = nx ? "missing-" + random.nextInt(50) + ".svc.cluster.local" : "payments.svc.cluster.local";
            return base(start, latency(random, 700), client, "10.0.0.53", 53, L7Protocol.DNS).protocol("UDP").requestType("A")
                    .requestDomain(name).requestResource(name).endpoint(name).requestId((long) random.nextInt(65536))
                    .responseStatus(nx ? ResponseStatus.CLIENT_ERROR : ResponseStatus.OK).responseCode(nx ? 3 : 0)
                    .responseException(nx ? "NXDomain" : null).responseResult(nx ? null : "A 10.0.0.30")
                    .responseDuration(latency(random, 700)).build();
        }
        return base(start, latency(random, 6_000), client, "10.0.0.40", 9092, L7Protocol.KAFKA).version("9").requestType("Produce")
                .requestDomain("orders-events").requestResource("orders-events-" + random.nextInt(3) + ":" + random.nextInt(100000))
                .endpoint("orders-events").requestId((long) random.nextInt(1 << 20)).responseStatus(ResponseStatus.OK).responseCode(0)
                .responseDuration(latency(random, 6_000)).build();
    }

    /** A checkout: ingress > orders > (MySQL, Redis, payments > fraud check, Kafka); the proxy's hop joins by request id. */
    private static List<CallLog> trace(long at) {
        List<CallLog> spans = new ArrayList<>();
        spans.add(http(at, "10.1.0.7", "10.0.0.10", 80, "POST", "shop.example", "/api/checkout?cart=42", "/api/checkout", 200, 48_000,
                TRACE_ID).spanId("a1").xRequestId0("req-42").endTime(at + 48_500).build());
        spans.add(http(at + 1_000, "10.0.0.10", "10.0.0.12", 8080, "POST", "orders.internal", "/api/orders", "/api/orders", 200, 39_000,
                null).xRequestId0("req-42").endTime(at + 40_500).build());
        spans.add(http(at + 1_500, "10.0.0.12", "10.0.0.13", 8080, "POST", "orders.internal", "/api/orders", "/api/orders", 200, 38_000,
                TRACE_ID).spanId("b2").parentSpanId("a1").endTime(at + 39_700).build());
        spans.add(base(at + 2_000, 2_100, "10.0.0.13", "10.0.0.21", 3306, L7Protocol.MYSQL).requestType("COM_QUERY")
                .requestResource("SELECT * FROM orders WHERE id = 42").responseStatus(ResponseStatus.OK).responseDuration(2_000L)
                .sqlAffectedRows(1L).traceId(TRACE_ID).spanId("c3").parentSpanId("b2").build());
        spans.add(base(at + 4_500, 210, "10.0.0.13", "10.0.0.20", 6379, L7Protocol.REDIS).requestType("SET")
                .requestResource("SET order:42 paid").endpoint("SET").responseStatus(ResponseStatus.OK).responseDuration(200L)
                .traceId(TRACE_ID).spanId("d4").parentSpanId("b2").build());
        spans.add(base(at + 5_000, 26_000, "10.0.0.13", "10.0.0.30", 50051, L7Protocol.GRPC).version("2").requestType("POST")
                .requestDomain("payments.Payments").requestResource("/payments.Payments/Charge").endpoint("/payments.Payments/Charge")
                .responseStatus(ResponseStatus.OK).responseCode(0).responseDuration(25_800L).traceId(TRACE_ID).spanId("e5")
                .parentSpanId("b2").build());
        spans.add(http(at + 9_000, "10.0.0.30", "10.0.0.31", 8000, "POST", "fraud.internal", "/v1/score", "/v1/score", 504, 15_000,
                TRACE_ID).spanId("f6").parentSpanId("e5").responseException("Gateway Timeout").build());
        spans.add(base(at + 33_000, 5_000, "10.0.0.13", "10.0.0.40", 9092, L7Protocol.KAFKA).version("9").requestType("Produce")
                .requestDomain("orders-events").requestResource("orders-events-1:7731").endpoint("orders-events")
                .responseStatus(ResponseStatus.OK).responseCode(0).responseDuration(4_900L).isAsync(true).traceId(TRACE_ID)
                .spanId("g7").parentSpanId("b2").build());
        return spans;
    }

    /** Call logs of a plugin protocol, as the registry's plugin "hello" would produce them. */
    private static List<CallLog> fromPlugin(long at) {
        List<CallLog> calls = new ArrayList<>();
        for (int i = 0; i < PLUGIN_CALL_LOGS; i++) {
            calls.add(base(at + i * 7_000_000L, 400, "10.1.0.9", "10.0.0.60", 7777, new L7Protocol(127, "HELLO")).requestType("HELLO")
                    .requestResource("HELLO bob " + i).endpoint("HELLO").responseStatus(ResponseStatus.OK).responseDuration(350L)
                    .plugin(PLUGIN).build());
        }
        return calls;
    }

    /** Strings an attacker controls: markup, quotes, a trace id that closes an attribute, very long and non-ASCII text. */
    private static List<CallLog> hostile(long at) {
        List<CallLog> calls = new ArrayList<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("user_agent", SCRIPT);
        attributes.put("<b onmouseover=window.__pwned=1>key</b>", "\"'><svg onload=window.__pwned=1>");
        calls.add(http(at, "10.9.9.9", "10.0.0.10", 80, "GET", IMG, "/search?q=" + SCRIPT, "/search", 400, 800, HOSTILE_TRACE_ID)
                .responseException("</td></tr>" + SCRIPT).attributes(attributes).build());
        calls.add(http(at + 1_000_000, "10.9.9.9", "10.0.0.10", 80, "GET", "shop.example", HOSTILE_ENDPOINT + "?x=1", HOSTILE_ENDPOINT,
                500, 2_000, null).responseResult("line one\nline two\ttabbed").build());
        calls.add(base(at + 2_000_000, 150, "10.9.9.9", "10.0.0.20", 6379, L7Protocol.REDIS).requestType("SET")
                .requestResource(QUOTES_RESOURCE).endpoint("SET").responseStatus(ResponseStatus.OK).responseDuration(140L).build());
        calls.add(http(at + 3_000_000, "10.9.9.9", "10.0.0.10", 80, "GET", "shop.example", LONG_RESOURCE, "/api/orders", 200, 12_000,
                null).build());
        calls.add(http(at + 4_000_000, "10.9.9.9", "10.0.0.14", 80, "GET", "bücher.example", UNICODE_RESOURCE, "/café/日本語", 200, 3_000,
                null).build());
        calls.add(base(at + 5_000_000, 900, "10.9.9.9", "10.0.0.50", 7000, EVIL_PROTOCOL).requestType("<marquee>")
                .requestResource(IMG).endpoint(IMG).responseStatus(ResponseStatus.SERVER_ERROR).responseResult(SCRIPT)
                .plugin("evil.wasm\"><script>window.__pwned=1</script>").responseDuration(850L).build());
        return calls;
    }

    private static CallLog.Builder base(long start, long duration, String client, String server, int port, L7Protocol protocol) {
        long flow = ++flows;
        return CallLog.builder().type(CallLogType.SESSION).startTime(start).endTime(start + duration).flowId(flow).protocol("TCP")
                .client(client, 30000 + (int) (flow % 30000)).server(server, port).l7Protocol(protocol).agent("node-a")
                .capturedRequestByte(120 + flow % 400).capturedResponseByte(300 + flow % 2000);
    }

    private static CallLog.Builder http(long start, String client, String server, int port, String method, String host, String resource,
                                String endpoint, int code, long latency, String trace) {
        ResponseStatus status = code >= 500 ? ResponseStatus.SERVER_ERROR : code >= 400 ? ResponseStatus.CLIENT_ERROR : ResponseStatus.OK;
        return base(start, latency + 300, client, server, port, L7Protocol.HTTP1).version("1.1").requestType(method).requestDomain(host)
                .requestResource(resource).endpoint(endpoint).responseStatus(status).responseCode(code).responseDuration(latency)
                .responseLength(200L + latency % 4000).traceId(trace);
    }

    /** Log-normal around a median, as latencies are. */
    private static long latency(Random random, long medianMicros) {
        return Math.max(20, Math.round(medianMicros * Math.exp(0.6 * random.nextGaussian())));
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
