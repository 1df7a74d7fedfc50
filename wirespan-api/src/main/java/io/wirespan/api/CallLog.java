package io.wirespan.api;

import java.util.Map;
import java.util.Objects;

/**
 * One request/response exchange: the record every part of Wirespan shares (the JSON line, the
 * {@code l7_flow_log} row, the query API's answer). Field names follow DeepFlow's
 * {@code flow_log.l7_flow_log}; see {@code shared/spec/call-log.md}. {@code null} means "no
 * value", never "zero": the writers omit it. Side 0 is always the client, side 1 the server.
 */
public record CallLog(
        CallLogType type,
        long startTime,
        long endTime,
        long flowId,
        String protocol,
        String ip0,
        String ip1,
        int clientPort,
        int serverPort,
        String agent,
        L7Protocol l7Protocol,
        String version,
        String requestType,
        String requestDomain,
        String requestResource,
        String endpoint,
        Long requestId,
        ResponseStatus responseStatus,
        Integer responseCode,
        String responseException,
        String responseResult,
        Long responseDuration,
        Long requestLength,
        Long responseLength,
        long capturedRequestByte,
        long capturedResponseByte,
        Long sqlAffectedRows,
        Boolean isTls,
        Boolean isAsync,
        Boolean isReversed,
        String traceId,
        String spanId,
        String parentSpanId,
        String xRequestId0,
        String xRequestId1,
        String httpProxyClient,
        Map<String, String> attributes,
        String plugin) {

    public CallLog {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(ip0, "ip_0");
        Objects.requireNonNull(ip1, "ip_1");
        Objects.requireNonNull(l7Protocol, "l7_protocol");
        Objects.requireNonNull(responseStatus, "response_status");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a call log field by field; the engine fills it as a session is merged. */
    public static final class Builder {
        private CallLogType type = CallLogType.SESSION;
        private long startTime, endTime, flowId;
        private String protocol = "TCP", ip0, ip1, agent;
        private int clientPort, serverPort;
        private L7Protocol l7Protocol = L7Protocol.UNKNOWN;
        private String version, requestType, requestDomain, requestResource, endpoint;
        private Long requestId;
        private ResponseStatus responseStatus = ResponseStatus.UNKNOWN;
        private Integer responseCode;
        private String responseException, responseResult;
        private Long responseDuration, requestLength, responseLength, sqlAffectedRows;
        private long capturedRequestByte, capturedResponseByte;
        private Boolean isTls, isAsync, isReversed;
        private String traceId, spanId, parentSpanId, xRequestId0, xRequestId1, httpProxyClient, plugin;
        private Map<String, String> attributes = Map.of();

        private Builder() {}

        public Builder type(CallLogType v) { type = v; return this; }
        public Builder startTime(long v) { startTime = v; return this; }
        public Builder endTime(long v) { endTime = v; return this; }
        public Builder flowId(long v) { flowId = v; return this; }
        public Builder protocol(String v) { protocol = v; return this; }
        public Builder client(String ip, int port) { ip0 = ip; clientPort = port; return this; }
        public Builder server(String ip, int port) { ip1 = ip; serverPort = port; return this; }
        public Builder agent(String v) { agent = v; return this; }
        public Builder l7Protocol(L7Protocol v) { l7Protocol = v; return this; }
        public Builder version(String v) { version = v; return this; }
        public Builder requestType(String v) { requestType = v; return this; }
        public Builder requestDomain(String v) { requestDomain = v; return this; }
        public Builder requestResource(String v) { requestResource = v; return this; }
        public Builder endpoint(String v) { endpoint = v; return this; }
        public Builder requestId(Long v) { requestId = v; return this; }
        public Builder responseStatus(ResponseStatus v) { responseStatus = v; return this; }
        public Builder responseCode(Integer v) { responseCode = v; return this; }
        public Builder responseException(String v) { responseException = v; return this; }
        public Builder responseResult(String v) { responseResult = v; return this; }
        public Builder responseDuration(Long v) { responseDuration = v; return this; }
        public Builder requestLength(Long v) { requestLength = v; return this; }
        public Builder responseLength(Long v) { responseLength = v; return this; }
        public Builder capturedRequestByte(long v) { capturedRequestByte = v; return this; }
        public Builder capturedResponseByte(long v) { capturedResponseByte = v; return this; }
        public Builder sqlAffectedRows(Long v) { sqlAffectedRows = v; return this; }
        public Builder isTls(Boolean v) { isTls = v; return this; }
        public Builder isAsync(Boolean v) { isAsync = v; return this; }
        public Builder isReversed(Boolean v) { isReversed = v; return this; }
        public Builder traceId(String v) { traceId = v; return this; }
        public Builder spanId(String v) { spanId = v; return this; }
        public Builder parentSpanId(String v) { parentSpanId = v; return this; }
        public Builder xRequestId0(String v) { xRequestId0 = v; return this; }
        public Builder xRequestId1(String v) { xRequestId1 = v; return this; }
        public Builder httpProxyClient(String v) { httpProxyClient = v; return this; }
        public Builder attributes(Map<String, String> v) { attributes = v; return this; }
        public Builder plugin(String v) { plugin = v; return this; }

        public CallLog build() {
            return new CallLog(type, startTime, endTime, flowId, protocol, ip0, ip1, clientPort, serverPort,
                    agent, l7Protocol, version, requestType, requestDomain, requestResource, endpoint,
                    requestId, responseStatus, responseCode, responseException, responseResult,
                    responseDuration, requestLength, responseLength, capturedRequestByte,
                    capturedResponseByte, sqlAffectedRows, isTls, isAsync, isReversed, traceId, spanId,
                    parentSpanId, xRequestId0, xRequestId1, httpProxyClient, attributes, plugin);
        }
    }
}
