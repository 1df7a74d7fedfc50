package io.wirespan.engine.session;

import io.wirespan.api.CallLog;
import io.wirespan.api.CallLogType;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.ResponseStatus;
import java.util.HashMap;
import java.util.Map;

/** Builds call logs from paired or lone messages (call-log.md's rules). */
final class CallLogs {
    private CallLogs() {}

    /**
     * A request and its response as one exchange. The response decides the status and the
     * protocol (an HTTP/2 request answered as gRPC is gRPC); the request supplies what it asked.
     */
    static CallLog session(StampedMessage request, StampedMessage response) {
        L7Message q = request.message(), r = response.message();
        Map<String, String> attributes = merged(q.attributes(), r.attributes());
        ResponseStatus status = r.responseStatus() != null ? r.responseStatus()
                : q.responseStatus() != null ? q.responseStatus() : ResponseStatus.UNKNOWN;
        return base(response.flow(), CallLogType.SESSION, response.protocol(), request.startMicros(), response.endMicros())
                .version(first(q.version(), r.version()))
                .requestType(first(q.requestType(), r.requestType()))
                .requestDomain(first(q.requestDomain(), r.requestDomain()))
                .requestResource(first(q.requestResource(), r.requestResource()))
                .endpoint(first(q.endpoint(), r.endpoint()))
                .requestId(first(q.sessionId(), r.sessionId()))
                .responseStatus(status)
                .responseCode(first(r.responseCode(), q.responseCode()))
                .responseException(first(r.responseException(), q.responseException()))
                .responseResult(first(r.responseResult(), q.responseResult()))
                .responseDuration(Math.max(0, response.startMicros() - request.endMicros()))
                .requestLength(first(q.requestLength(), r.requestLength()))
                .responseLength(first(r.responseLength(), q.responseLength()))
                .capturedRequestByte(q.capturedBytes())
                .capturedResponseByte(r.capturedBytes())
                .sqlAffectedRows(first(r.sqlAffectedRows(), q.sqlAffectedRows()))
                .isAsync(first(q.isAsync(), r.isAsync()))
                .isReversed(first(q.isReversed(), r.isReversed()))
                .traceId(first(q.traceId(), r.traceId()))
                .spanId(first(q.spanId(), r.spanId()))
                .parentSpanId(first(q.parentSpanId(), r.parentSpanId()))
                .xRequestId0(q.xRequestId())
                .xRequestId1(r.xRequestId())
                .httpProxyClient(first(q.httpProxyClient(), r.httpProxyClient()))
                .attributes(attributes)
                .build();
    }

    /** A request that got no response: {@code status} says why (timeout, displaced, overflow). */
    static CallLog loneRequest(StampedMessage request, ResponseStatus status) {
        return single(request, CallLogType.REQUEST, status, request.startMicros()).build();
    }

    /** A response whose request was not seen. */
    static CallLog loneResponse(StampedMessage response) {
        ResponseStatus status = response.message().responseStatus();
        return single(response, CallLogType.RESPONSE, status == null ? ResponseStatus.UNKNOWN : status, response.endMicros())
                .build();
    }

    /**
     * A message that is a whole exchange by itself. When the parser paired it and says when its
     * request was, the call log starts there and has a response duration; when it says how large
     * its request was, the captured bytes are split between the two sides.
     */
    static CallLog wholeSession(StampedMessage session) {
        L7Message m = session.message();
        ResponseStatus status = m.responseStatus();
        Long requestTime = m.requestTimeMicros();
        CallLog.Builder log = single(session, CallLogType.SESSION, status == null ? ResponseStatus.UNKNOWN : status,
                session.endMicros());
        if (requestTime != null && requestTime <= session.startMicros()) {
            log.startTime(requestTime).responseDuration(session.startMicros() - requestTime);
        }
        if (m.requestCapturedBytes() != null) {
            log.capturedRequestByte(m.requestCapturedBytes()).capturedResponseByte(m.capturedBytes());
        }
        return log.build();
    }

    private static CallLog.Builder single(StampedMessage stamped, CallLogType type, ResponseStatus status, long endMicros) {
        L7Message m = stamped.message();
        boolean fromServer = stamped.fromServer();
        return base(stamped.flow(), type, stamped.protocol(), stamped.startMicros(), endMicros)
                .version(m.version())
                .requestType(m.requestType())
                .requestDomain(m.requestDomain())
                .requestResource(m.requestResource())
                .endpoint(m.endpoint())
                .requestId(m.sessionId())
                .responseStatus(status)
                .responseCode(m.responseCode())
                .responseException(m.responseException())
                .responseResult(m.responseResult())
                .requestLength(m.requestLength())
                .responseLength(m.responseLength())
                .capturedRequestByte(fromServer ? 0 : m.capturedBytes())
                .capturedResponseByte(fromServer ? m.capturedBytes() : 0)
                .sqlAffectedRows(m.sqlAffectedRows())
                .isAsync(m.isAsync())
                .isReversed(m.isReversed())
                .traceId(m.traceId())
                .spanId(m.spanId())
                .parentSpanId(m.parentSpanId())
                .xRequestId0(fromServer ? null : m.xRequestId())
                .xRequestId1(fromServer ? m.xRequestId() : null)
                .httpProxyClient(m.httpProxyClient())
                .attributes(m.attributes());
    }

    private static CallLog.Builder base(FlowIdentity flow, CallLogType type, L7Protocol protocol,
                                        long startMicros, long endMicros) {
        return CallLog.builder()
                .type(type)
                .startTime(startMicros)
                .endTime(Math.max(startMicros, endMicros))
                .flowId(flow.flowId())
                .protocol(flow.transport())
                .client(flow.clientIp(), flow.clientPort())
                .server(flow.serverIp(), flow.serverPort())
                .l7Protocol(protocol);
    }

    /** The request's attributes overridden by the response's; most messages have none, and copy nothing. */
    private static Map<String, String> merged(Map<String, String> request, Map<String, String> response) {
        if (response.isEmpty()) return request;
        if (request.isEmpty()) return response;
        Map<String, String> both = new HashMap<>(request);
        both.putAll(response);
        return both;
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }
}
