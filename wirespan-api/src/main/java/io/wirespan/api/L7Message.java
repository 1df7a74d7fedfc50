package io.wirespan.api;

import java.util.Map;
import java.util.Objects;

/**
 * One parsed request, response or whole exchange, as a parser reports it. The engine stamps its
 * time and flow, pairs requests with responses ({@link #sessionId} when the protocol has one,
 * else in order) and merges each pair into a {@link CallLog}. {@code null} means "no value".
 *
 * @param protocol the protocol of this message when it differs from the parser's (HTTP/2 turning
 *     out to be gRPC); {@code null} for the parser's own
 * @param sessionId the pairing id (HTTP/2 stream, DNS transaction, Kafka correlation id), or null
 *     to pair in order
 * @param capturedBytes payload bytes of this message seen on the wire
 * @param xRequestId the request-id header of this message; it becomes {@code x_request_id_0} on a
 *     request and {@code x_request_id_1} on a response
 * @param requestTimeMicros for a {@link MessageType#SESSION} the parser paired itself: the capture
 *     time of its request ({@link ParseContext#timestampMicros()} when the request was parsed); the
 *     call log then starts there and its {@code response_duration} runs to this message
 * @param requestCapturedBytes for such a session: the payload bytes of its request, while
 *     {@code capturedBytes} are those of the response; null otherwise
 * @param isAsync an asynchronous message: not paired, each becomes a call log of its own
 * @param isReversed the message travels against the flow's orientation (a plugin's verdict)
 */
public record L7Message(
        MessageType type,
        L7Protocol protocol,
        Long sessionId,
        String version,
        String requestType,
        String requestDomain,
        String requestResource,
        String endpoint,
        ResponseStatus responseStatus,
        Integer responseCode,
        String responseException,
        String responseResult,
        Long requestLength,
        Long responseLength,
        Long sqlAffectedRows,
        String traceId,
        String spanId,
        String parentSpanId,
        String xRequestId,
        String httpProxyClient,
        Boolean isAsync,
        Boolean isReversed,
        Map<String, String> attributes,
        long capturedBytes,
        Long requestTimeMicros,
        Long requestCapturedBytes) {

    public L7Message {
        Objects.requireNonNull(type, "type");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static Builder request() {
        return new Builder(MessageType.REQUEST);
    }

    public static Builder response() {
        return new Builder(MessageType.RESPONSE);
    }

    public static Builder session() {
        return new Builder(MessageType.SESSION);
    }

    /** A builder holding this message's values, to make a changed copy (a hook's merge). */
    public Builder toBuilder() {
        return new Builder(type).protocol(protocol).sessionId(sessionId).version(version).requestType(requestType)
                .requestDomain(requestDomain).requestResource(requestResource).endpoint(endpoint)
                .responseStatus(responseStatus).responseCode(responseCode).responseException(responseException)
                .responseResult(responseResult).requestLength(requestLength).responseLength(responseLength)
                .sqlAffectedRows(sqlAffectedRows).traceId(traceId).spanId(spanId).parentSpanId(parentSpanId)
                .xRequestId(xRequestId).httpProxyClient(httpProxyClient).isAsync(isAsync).isReversed(isReversed)
                .attributes(attributes).capturedBytes(capturedBytes).requestTimeMicros(requestTimeMicros)
                .requestCapturedBytes(requestCapturedBytes);
    }

    /** Fills a message field by field; unset fields stay null. */
    public static final class Builder {
        private final MessageType type;
        private L7Protocol protocol;
        private Long sessionId, requestLength, responseLength, sqlAffectedRows;
        private String version, requestType, requestDomain, requestResource, endpoint;
        private ResponseStatus responseStatus;
        private Integer responseCode;
        private String responseException, responseResult, traceId, spanId, parentSpanId, xRequestId, httpProxyClient;
        private Boolean isAsync, isReversed;
        private Map<String, String> attributes;
        private long capturedBytes;
        private Long requestTimeMicros;
        private Long requestCapturedBytes;

        private Builder(MessageType type) {
            this.type = type;
        }

        public Builder protocol(L7Protocol v) { protocol = v; return this; }
        public Builder sessionId(Long v) { sessionId = v; return this; }
        public Builder version(String v) { version = v; return this; }
        public Builder requestType(String v) { requestType = v; return this; }
        public Builder requestDomain(String v) { requestDomain = v; return this; }
        public Builder requestResource(String v) { requestResource = v; return this; }
        public Builder endpoint(String v) { endpoint = v; return this; }
        public Builder responseStatus(ResponseStatus v) { responseStatus = v; return this; }
        public Builder responseCode(Integer v) { responseCode = v; return this; }
        public Builder responseException(String v) { responseException = v; return this; }
        public Builder responseResult(String v) { responseResult = v; return this; }
        public Builder requestLength(Long v) { requestLength = v; return this; }
        public Builder responseLength(Long v) { responseLength = v; return this; }
        public Builder sqlAffectedRows(Long v) { sqlAffectedRows = v; return this; }
        public Builder traceId(String v) { traceId = v; return this; }
        public Builder spanId(String v) { spanId = v; return this; }
        public Builder parentSpanId(String v) { parentSpanId = v; return this; }
        public Builder xRequestId(String v) { xRequestId = v; return this; }
        public Builder httpProxyClient(String v) { httpProxyClient = v; return this; }
        public Builder isAsync(Boolean v) { isAsync = v; return this; }
        public Builder isReversed(Boolean v) { isReversed = v; return this; }
        public Builder attributes(Map<String, String> v) { attributes = v; return this; }
        public Builder capturedBytes(long v) { capturedBytes = v; return this; }
        public Builder requestTimeMicros(Long v) { requestTimeMicros = v; return this; }
        public Builder requestCapturedBytes(Long v) { requestCapturedBytes = v; return this; }

        public L7Message build() {
            return new L7Message(type, protocol, sessionId, version, requestType, requestDomain, requestResource,
                    endpoint, responseStatus, responseCode, responseException, responseResult, requestLength,
                    responseLength, sqlAffectedRows, traceId, spanId, parentSpanId, xRequestId, httpProxyClient,
                    isAsync, isReversed, attributes, capturedBytes, requestTimeMicros, requestCapturedBytes);
        }
    }
}
