package io.wirespan.cli.otlp;

import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.wirespan.api.CallLog;
import io.wirespan.api.ResponseStatus;
import java.util.Locale;
import java.util.Map;

/**
 * The attributes every span has: the network ones of the conventions, and the call log's own
 * fields as {@code wirespan.<field>} (names as in the call log schema), so nothing the agent saw
 * is lost on the way, whether or not a convention has a place for it.
 */
final class CommonAttributes {
    private CommonAttributes() {}

    /** Client is side 0, server side 1; the peer is the other side from where the span stands. */
    static void network(CallLog log, SpanKind kind, AttributesBuilder a) {
        boolean server = kind == SpanKind.SERVER;
        a.put("network.transport", log.protocol().toLowerCase(Locale.ROOT));
        a.put("network.type", log.ip1().indexOf(':') >= 0 ? "ipv6" : "ipv4");
        a.put("network.protocol.name", log.l7Protocol().name().toLowerCase(Locale.ROOT));
        a.put("network.peer.address", server ? log.ip0() : log.ip1());
        a.put("network.peer.port", server ? log.clientPort() : log.serverPort());
        a.put("server.address", log.ip1());
        a.put("server.port", log.serverPort());
        a.put("client.address", log.ip0());
        a.put("client.port", log.clientPort());
        if (isError(log)) {
            a.put("error.type", log.responseCode() != null ? log.responseCode().toString() : log.responseStatus().wireName());
        }
    }

    static void wirespan(CallLog log, AttributesBuilder a) {
        a.put("wirespan.type", log.type().wireName());
        a.put("wirespan.flow_id", log.flowId());
        a.put("wirespan.agent", log.agent());
        a.put("wirespan.l7_protocol", log.l7Protocol().name());
        a.put("wirespan.version", log.version());
        a.put("wirespan.request_type", log.requestType());
        a.put("wirespan.request_domain", log.requestDomain());
        a.put("wirespan.request_resource", log.requestResource());
        a.put("wirespan.endpoint", log.endpoint());
        putLong(a, "wirespan.request_id", log.requestId());
        a.put("wirespan.response_status", log.responseStatus().wireName());
        putLong(a, "wirespan.response_code", log.responseCode() == null ? null : log.responseCode().longValue());
        a.put("wirespan.response_exception", log.responseException());
        a.put("wirespan.response_result", log.responseResult());
        putLong(a, "wirespan.response_duration", log.responseDuration());
        putLong(a, "wirespan.request_length", log.requestLength());
        putLong(a, "wirespan.response_length", log.responseLength());
        a.put("wirespan.captured_request_byte", log.capturedRequestByte());
        a.put("wirespan.captured_response_byte", log.capturedResponseByte());
        putLong(a, "wirespan.sql_affected_rows", log.sqlAffectedRows());
        putBoolean(a, "wirespan.is_tls", log.isTls());
        putBoolean(a, "wirespan.is_async", log.isAsync());
        putBoolean(a, "wirespan.is_reversed", log.isReversed());
        a.put("wirespan.trace_id", log.traceId()); // as the header had it, before it became a 32-digit id
        a.put("wirespan.span_id", log.spanId());
        a.put("wirespan.parent_span_id", log.parentSpanId());
        a.put("wirespan.x_request_id_0", log.xRequestId0());
        a.put("wirespan.x_request_id_1", log.xRequestId1());
        a.put("wirespan.http_proxy_client", log.httpProxyClient());
        a.put("wirespan.plugin", log.plugin());
        for (Map.Entry<String, String> e : log.attributes().entrySet()) {
            a.put("wirespan.attribute." + e.getKey(), e.getValue());
        }
    }

    /** Errors as the span status counts them: client and server errors, and no answer at all. */
    static boolean isError(CallLog log) {
        return log.responseStatus().isError() || log.responseStatus() == ResponseStatus.TIMEOUT;
    }

    private static void putLong(AttributesBuilder a, String key, Long value) {
        if (value != null) a.put(key, value.longValue());
    }

    private static void putBoolean(AttributesBuilder a, String key, Boolean value) {
        if (value != null) a.put(key, value.booleanValue());
    }
}
