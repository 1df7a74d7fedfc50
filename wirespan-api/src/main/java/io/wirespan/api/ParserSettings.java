package io.wirespan.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings every parser may read, from the configuration's DeepFlow keys. Built-in parsers
 * also get their protocol's own typed settings; a third-party parser reads its
 * {@code protocol_special_config.<name>} section from {@link #special}.
 *
 * @param payloadTruncation the most characters a text field of a call log may hold
 *     ({@code processors.request_log.tunning.payload_truncation}); it bounds what is kept, never
 *     what a parser reads to frame messages
 * @param traceIdTypes trace-id header types in priority order ({@code tracing_tag.apm_trace_id})
 * @param spanIdTypes span-id header types in priority order ({@code tracing_tag.apm_span_id})
 * @param xRequestIdHeaders header names of the request id ({@code tracing_tag.x_request_id})
 * @param realClientHeaders header names of the real client address ({@code tracing_tag.http_real_client})
 * @param obfuscate whether values (SQL literals, Redis arguments, query strings) are masked for this
 *     protocol ({@code tag_extraction.obfuscate_protocols})
 * @param special this protocol's {@code protocol_special_config} section, key to value
 */
public record ParserSettings(
        int payloadTruncation,
        List<String> traceIdTypes,
        List<String> spanIdTypes,
        List<String> xRequestIdHeaders,
        List<String> realClientHeaders,
        boolean obfuscate,
        Map<String, Object> special) {

    public static final ParserSettings DEFAULTS = new ParserSettings(1024, List.of("traceparent", "sw8"),
            List.of("traceparent", "sw8"), List.of("X_Request_ID"), List.of("X_Forwarded_For"), false, Map.of());

    public ParserSettings {
        if (payloadTruncation < 1) throw new IllegalArgumentException("payloadTruncation: " + payloadTruncation);
        traceIdTypes = List.copyOf(traceIdTypes);
        spanIdTypes = List.copyOf(spanIdTypes);
        xRequestIdHeaders = List.copyOf(xRequestIdHeaders);
        realClientHeaders = List.copyOf(realClientHeaders);
        special = Map.copyOf(Objects.requireNonNull(special, "special"));
    }

    /** Text cut to {@link #payloadTruncation} characters, for a call-log field. */
    public String truncate(String text) {
        return text == null || text.length() <= payloadTruncation ? text : text.substring(0, payloadTruncation);
    }

    public ParserSettings withObfuscate(boolean obfuscate) {
        return new ParserSettings(payloadTruncation, traceIdTypes, spanIdTypes, xRequestIdHeaders, realClientHeaders,
                obfuscate, special);
    }

    public ParserSettings withSpecial(Map<String, Object> special) {
        return new ParserSettings(payloadTruncation, traceIdTypes, spanIdTypes, xRequestIdHeaders, realClientHeaders,
                obfuscate, special);
    }
}
