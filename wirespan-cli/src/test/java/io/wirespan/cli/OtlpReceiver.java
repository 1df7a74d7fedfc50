package io.wirespan.cli;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP traces receiver for tests: {@code POST /v1/traces} on 127.0.0.1, each request
 * decoded by hand from the OTLP protobuf field numbers ({@code opentelemetry/proto/trace/v1/trace.proto}),
 * so the test checks the bytes on the wire, not the SDK's view of them. It answers every request
 * with the status it is given.
 */
public final class OtlpReceiver implements AutoCloseable {
    /** One span as received, with its resource's and scope's names; attribute values are String, Long, Boolean or Double. */
    public record Span(String traceId, String spanId, String parentSpanId, String name, int kind, long startNanos,
                long endNanos, Map<String, Object> attributes, int statusCode, String statusMessage,
                Map<String, Object> resource, String scope) {}

    /** One export request: its headers (names in lower case) and spans. */
    public record Request(Map<String, String> headers, List<Span> spans) {}

    public static final int KIND_SERVER = 2, KIND_CLIENT = 3;
    public static final int STATUS_UNSET = 0, STATUS_ERROR = 2;

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    public OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", this::handle);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void answer(int status) {
        this.status = status;
    }

    public List<Request> requests() {
        return requests;
    }

    public List<Span> spans() {
        List<Span> all = new ArrayList<>();
        for (Request r : requests) all.addAll(r.spans());
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
            byte[] body;
            try (InputStream in = "gzip".equalsIgnoreCase(headers.get("content-encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (status == 200) requests.add(new Request(headers, exportRequest(body)));
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(status, -1); // an empty ExportTraceServiceResponse: no partial failure
        }
    }

    /** ExportTraceServiceRequest: resource_spans = 1. */
    private static List<Span> exportRequest(byte[] bytes) throws IOException {
        List<Span> spans = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(tag) == 1) resourceSpans(in.readByteArray(), spans);
            else in.skipField(tag);
        }
        return spans;
    }

    /** ResourceSpans: resource = 1 (Resource: attributes = 1), scope_spans = 2. */
    private static void resourceSpans(byte[] bytes, List<Span> out) throws IOException {
        Map<String, Object> resource = new LinkedHashMap<>();
        List<byte[]> scopeSpans = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    CodedInputStream r = CodedInputStream.newInstance(in.readByteArray());
                    for (int t; (t = r.readTag()) != 0; ) {
                        if (WireFormat.getTagFieldNumber(t) == 1) keyValue(r.readByteArray(), resource);
                        else r.skipField(t);
                    }
                }
                case 2 -> scopeSpans.add(in.readByteArray());
                default -> in.skipField(tag);
            }
        }
        for (byte[] s : scopeSpans) scopeSpans(s, resource, out);
    }

    /** ScopeSpans: scope = 1 (InstrumentationScope: name = 1), spans = 2. */
    private static void scopeSpans(byte[] bytes, Map<String, Object> resource, List<Span> out) throws IOException {
        String scope = null;
        List<byte[]> spans = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    CodedInputStream s = CodedInputStream.newInstance(in.readByteArray());
                    for (int t; (t = s.readTag()) != 0; ) {
                        if (WireFormat.getTagFieldNumber(t) == 1) scope = s.readString();
                        else s.skipField(t);
                    }
                }
                case 2 -> spans.add(in.readByteArray());
                default -> in.skipField(tag);
            }
        }
        for (byte[] s : spans) out.add(span(s, resource, scope));
    }

    /**
     * Span: trace_id = 1, span_id = 2, parent_span_id = 4 (bytes), name = 5, kind = 6,
     * start_time_unix_nano = 7 and end_time_unix_nano = 8 (fixed64), attributes = 9, status = 15
     * (Status: message = 2, code = 3).
     */
    private static Span span(byte[] bytes, Map<String, Object> resource, String scope) throws IOException {
        String traceId = "", spanId = "", parent = "", name = "", message = "";
        int kind = 0, code = 0;
        long start = 0, end = 0;
        Map<String, Object> attributes = new LinkedHashMap<>();
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> traceId = HexFormat.of().formatHex(in.readByteArray());
                case 2 -> spanId = HexFormat.of().formatHex(in.readByteArray());
                case 4 -> parent = HexFormat.of().formatHex(in.readByteArray());
                case 5 -> name = in.readString();
                case 6 -> kind = in.readEnum();
                case 7 -> start = in.readFixed64();
                case 8 -> end = in.readFixed64();
                case 9 -> keyValue(in.readByteArray(), attributes);
                case 15 -> {
                    CodedInputStream s = CodedInputStream.newInstance(in.readByteArray());
                    for (int t; (t = s.readTag()) != 0; ) {
                        switch (WireFormat.getTagFieldNumber(t)) {
                            case 2 -> message = s.readString();
                            case 3 -> code = s.readEnum();
                            default -> s.skipField(t);
                        }
                    }
                }
                default -> in.skipField(tag);
            }
        }
        return new Span(traceId, spanId, parent, name, kind, start, end, attributes, code, message, resource, scope);
    }

    /** KeyValue: key = 1, value = 2 (AnyValue: string_value = 1, bool_value = 2, int_value = 3, double_value = 4). */
    private static void keyValue(byte[] bytes, Map<String, Object> into) throws IOException {
        String key = null;
        Object value = null;
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> key = in.readString();
                case 2 -> {
                    CodedInputStream v = CodedInputStream.newInstance(in.readByteArray());
                    for (int t; (t = v.readTag()) != 0; ) {
                        switch (WireFormat.getTagFieldNumber(t)) {
                            case 1 -> value = v.readString();
                            case 2 -> value = v.readBool();
                            case 3 -> value = v.readInt64();
                            case 4 -> value = v.readDouble();
                            default -> v.skipField(t);
                        }
                    }
                }
                default -> in.skipField(tag);
            }
        }
        into.put(key, value);
    }
}
