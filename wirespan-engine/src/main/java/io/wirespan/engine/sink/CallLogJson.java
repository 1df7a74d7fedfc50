package io.wirespan.engine.sink;

import io.wirespan.api.CallLog;

/** A call log as one JSON object with call-log.md's keys; absent values are left out. */
public final class CallLogJson {
    private CallLogJson() {}

    public static String toJson(CallLog log) {
        JsonOutput out = new JsonOutput(512);
        append(out, log);
        return out.toString();
    }

    public static void append(JsonOutput out, CallLog log) {
        new JsonObjectWriter(out)
                .field("type", log.type().wireName())
                .field("start_time", log.startTime())
                .field("end_time", log.endTime())
                .field("flow_id", log.flowId())
                .field("protocol", log.protocol())
                .field("ip_0", log.ip0())
                .field("ip_1", log.ip1())
                .field("client_port", log.clientPort())
                .field("server_port", log.serverPort())
                .field("agent", log.agent())
                .field("l7_protocol", log.l7Protocol().id())
                .field("l7_protocol_str", log.l7Protocol().name())
                .field("version", log.version())
                .field("request_type", log.requestType())
                .field("request_domain", log.requestDomain())
                .field("request_resource", log.requestResource())
                .field("endpoint", log.endpoint())
                .field("request_id", log.requestId())
                .field("response_status", log.responseStatus().wireName())
                .field("response_code", log.responseCode())
                .field("response_exception", log.responseException())
                .field("response_result", log.responseResult())
                .field("response_duration", log.responseDuration())
                .field("request_length", log.requestLength())
                .field("response_length", log.responseLength())
                .field("captured_request_byte", log.capturedRequestByte())
                .field("captured_response_byte", log.capturedResponseByte())
                .field("sql_affected_rows", log.sqlAffectedRows())
                .field("is_tls", log.isTls())
                .field("is_async", log.isAsync())
                .field("is_reversed", log.isReversed())
                .field("trace_id", log.traceId())
                .field("span_id", log.spanId())
                .field("parent_span_id", log.parentSpanId())
                .field("x_request_id_0", log.xRequestId0())
                .field("x_request_id_1", log.xRequestId1())
                .field("http_proxy_client", log.httpProxyClient())
                .field("attributes", log.attributes())
                .field("plugin", log.plugin())
                .end();
    }
}
