package io.wirespan.engine.sink;

import io.wirespan.api.CallLog;

/** A call log as one JSON object with call-log.md's keys; absent values are left out. */
public final class CallLogJson {
    private static final JsonKey TYPE = JsonKey.of("type");
    private static final JsonKey START_TIME = JsonKey.of("start_time");
    private static final JsonKey END_TIME = JsonKey.of("end_time");
    private static final JsonKey FLOW_ID = JsonKey.of("flow_id");
    private static final JsonKey PROTOCOL = JsonKey.of("protocol");
    private static final JsonKey IP_0 = JsonKey.of("ip_0");
    private static final JsonKey IP_1 = JsonKey.of("ip_1");
    private static final JsonKey CLIENT_PORT = JsonKey.of("client_port");
    private static final JsonKey SERVER_PORT = JsonKey.of("server_port");
    private static final JsonKey AGENT = JsonKey.of("agent");
    private static final JsonKey L7_PROTOCOL = JsonKey.of("l7_protocol");
    private static final JsonKey L7_PROTOCOL_STR = JsonKey.of("l7_protocol_str");
    private static final JsonKey VERSION = JsonKey.of("version");
    private static final JsonKey REQUEST_TYPE = JsonKey.of("request_type");
    private static final JsonKey REQUEST_DOMAIN = JsonKey.of("request_domain");
    private static final JsonKey REQUEST_RESOURCE = JsonKey.of("request_resource");
    private static final JsonKey ENDPOINT = JsonKey.of("endpoint");
    private static final JsonKey REQUEST_ID = JsonKey.of("request_id");
    private static final JsonKey RESPONSE_STATUS = JsonKey.of("response_status");
    private static final JsonKey RESPONSE_CODE = JsonKey.of("response_code");
    private static final JsonKey RESPONSE_EXCEPTION = JsonKey.of("response_exception");
    private static final JsonKey RESPONSE_RESULT = JsonKey.of("response_result");
    private static final JsonKey RESPONSE_DURATION = JsonKey.of("response_duration");
    private static final JsonKey REQUEST_LENGTH = JsonKey.of("request_length");
    private static final JsonKey RESPONSE_LENGTH = JsonKey.of("response_length");
    private static final JsonKey CAPTURED_REQUEST_BYTE = JsonKey.of("captured_request_byte");
    private static final JsonKey CAPTURED_RESPONSE_BYTE = JsonKey.of("captured_response_byte");
    private static final JsonKey SQL_AFFECTED_ROWS = JsonKey.of("sql_affected_rows");
    private static final JsonKey IS_TLS = JsonKey.of("is_tls");
    private static final JsonKey IS_ASYNC = JsonKey.of("is_async");
    private static final JsonKey IS_REVERSED = JsonKey.of("is_reversed");
    private static final JsonKey TRACE_ID = JsonKey.of("trace_id");
    private static final JsonKey SPAN_ID = JsonKey.of("span_id");
    private static final JsonKey PARENT_SPAN_ID = JsonKey.of("parent_span_id");
    private static final JsonKey X_REQUEST_ID_0 = JsonKey.of("x_request_id_0");
    private static final JsonKey X_REQUEST_ID_1 = JsonKey.of("x_request_id_1");
    private static final JsonKey HTTP_PROXY_CLIENT = JsonKey.of("http_proxy_client");
    private static final JsonKey ATTRIBUTES = JsonKey.of("attributes");
    private static final JsonKey PLUGIN = JsonKey.of("plugin");

    private CallLogJson() {}

    public static String toJson(CallLog log) {
        JsonOutput out = new JsonOutput(512);
        append(out, log);
        return out.toString();
    }

    public static void append(JsonOutput out, CallLog log) {
        new JsonObjectWriter(out)
                .field(TYPE, log.type().wireName())
                .field(START_TIME, log.startTime())
                .field(END_TIME, log.endTime())
                .field(FLOW_ID, log.flowId())
                .field(PROTOCOL, log.protocol())
                .field(IP_0, log.ip0())
                .field(IP_1, log.ip1())
                .field(CLIENT_PORT, log.clientPort())
                .field(SERVER_PORT, log.serverPort())
                .field(AGENT, log.agent())
                .field(L7_PROTOCOL, log.l7Protocol().id())
                .field(L7_PROTOCOL_STR, log.l7Protocol().name())
                .field(VERSION, log.version())
                .field(REQUEST_TYPE, log.requestType())
                .field(REQUEST_DOMAIN, log.requestDomain())
                .field(REQUEST_RESOURCE, log.requestResource())
                .field(ENDPOINT, log.endpoint())
                .field(REQUEST_ID, log.requestId())
                .field(RESPONSE_STATUS, log.responseStatus().wireName())
                .field(RESPONSE_CODE, log.responseCode())
                .field(RESPONSE_EXCEPTION, log.responseException())
                .field(RESPONSE_RESULT, log.responseResult())
                .field(RESPONSE_DURATION, log.responseDuration())
                .field(REQUEST_LENGTH, log.requestLength())
                .field(RESPONSE_LENGTH, log.responseLength())
                .field(CAPTURED_REQUEST_BYTE, log.capturedRequestByte())
                .field(CAPTURED_RESPONSE_BYTE, log.capturedResponseByte())
                .field(SQL_AFFECTED_ROWS, log.sqlAffectedRows())
                .field(IS_TLS, log.isTls())
                .field(IS_ASYNC, log.isAsync())
                .field(IS_REVERSED, log.isReversed())
                .field(TRACE_ID, log.traceId())
                .field(SPAN_ID, log.spanId())
                .field(PARENT_SPAN_ID, log.parentSpanId())
                .field(X_REQUEST_ID_0, log.xRequestId0())
                .field(X_REQUEST_ID_1, log.xRequestId1())
                .field(HTTP_PROXY_CLIENT, log.httpProxyClient())
                .field(ATTRIBUTES, log.attributes())
                .field(PLUGIN, log.plugin())
                .end();
    }
}
