package io.wirespan.engine.tags;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Which headers carry trace ids, span ids, request ids and the real client, per the
 * {@code tracing_tag} settings; built once, shared by all flows. Header names are compared
 * case-insensitively with {@code -} and {@code _} alike, so DeepFlow's default {@code X_Request_ID}
 * matches the {@code X-Request-ID} header.
 */
public final class TraceHeaders {
    private final List<String> traceTypes;
    private final List<String> spanTypes;
    private final List<String> requestIdHeaders;
    private final List<String> realClientHeaders;

    public TraceHeaders(List<String> traceTypes, List<String> spanTypes, List<String> requestIdHeaders,
                        List<String> realClientHeaders) {
        this.traceTypes = normalized(traceTypes);
        this.spanTypes = normalized(spanTypes);
        this.requestIdHeaders = normalized(requestIdHeaders);
        this.realClientHeaders = normalized(realClientHeaders);
    }

    /** DeepFlow's defaults: {@code traceparent} and {@code sw8}, {@code X-Request-ID}, {@code X-Forwarded-For}. */
    public static TraceHeaders defaults() {
        return new TraceHeaders(List.of("traceparent", "sw8"), List.of("traceparent", "sw8"), List.of("X_Request_ID"),
                List.of("X_Forwarded_For"));
    }

    /** A fresh accumulator for the headers of one message. */
    public HeaderTags newMessage() {
        return new HeaderTags(this);
    }

    /** The header name as compared: lower case, {@code _} as {@code -}. */
    public static String normalize(String headerName) {
        return headerName.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    int traceRank(String name) { return rank(traceTypes, name); }
    int spanRank(String name) { return rank(spanTypes, name); }
    boolean isRequestId(String name) { return requestIdHeaders.contains(name); }
    boolean isRealClient(String name) { return realClientHeaders.contains(name); }

    /** The position of a header among the configured types; -1 when not configured. */
    private static int rank(List<String> types, String name) {
        int at = types.indexOf(name);
        if (at >= 0) return at;
        // SkyWalking's older headers and Zipkin's split headers are the same types under other names.
        return switch (name) {
            case "sw6", "sw3" -> types.indexOf("sw8");
            case "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid" -> Math.max(types.indexOf("b3"), types.indexOf("x-b3-traceid"));
            default -> -1;
        };
    }

    /** Trace, span and parent span ids as one tracing header carries them; null parts are absent. */
    record Ids(String traceId, String spanId, String parentSpanId) {}

    static Ids decode(String name, String rawValue) {
        String value = rawValue.trim();
        if (value.isEmpty()) return new Ids(null, null, null);
        return switch (name) {
            case "traceparent" -> { // version-traceid-spanid-flags (W3C Trace Context §3.2)
                String[] f = value.split("-");
                yield f.length >= 3 ? new Ids(f[1], f[2], null) : new Ids(null, null, null);
            }
            case "sw8", "sw6" -> { // sample-traceid-segmentid-spanid-...: ids base64 encoded
                String[] f = value.split("-");
                yield f.length >= 4 ? new Ids(base64(f[1]), base64(f[2]) + "-" + f[3], null) : new Ids(null, null, null);
            }
            case "sw3" -> { // segmentid|spanid|...|traceid (field 7)
                String[] f = value.split("\\|");
                yield f.length >= 8 ? new Ids(f[7], f[0] + "-" + f[1], null) : new Ids(null, null, null);
            }
            case "uber-trace-id" -> { // traceid:spanid:parentspanid:flags
                String[] f = value.split(":");
                yield f.length >= 2 ? new Ids(f[0], f[1], f.length >= 3 && !f[2].equals("0") ? f[2] : null) : new Ids(null, null, null);
            }
            case "b3" -> { // traceid-spanid[-sampled[-parentspanid]]
                String[] f = value.split("-");
                yield f.length >= 2 ? new Ids(f[0], f[1], f.length >= 4 ? f[3] : null) : new Ids(f[0], null, null);
            }
            case "x-b3-traceid" -> new Ids(value, null, null);
            case "x-b3-spanid" -> new Ids(null, value, null);
            case "x-b3-parentspanid" -> new Ids(null, null, value);
            default -> new Ids(value, value, null); // a header the user named: its whole value
        };
    }

    /** SkyWalking ids are base64 of text; a value that is not is kept as it is. */
    private static String base64(String text) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            String decoded = new String(bytes, StandardCharsets.UTF_8);
            for (int i = 0; i < decoded.length(); i++) {
                if (Character.isISOControl(decoded.charAt(i)) || decoded.charAt(i) == '\uFFFD') return text;
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static List<String> normalized(List<String> names) {
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) out.add(normalize(n));
        return List.copyOf(out);
    }
}
