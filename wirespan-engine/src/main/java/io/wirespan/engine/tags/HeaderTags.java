package io.wirespan.engine.tags;

import io.wirespan.api.L7Message;

/**
 * The tags found in one message's headers. Feed every header with {@link #header}; the best-ranked
 * trace and span ids win (the configured order is the priority), the first request id and real
 * client are kept.
 */
public final class HeaderTags {
    private final TraceHeaders rules;
    private String traceId, spanId, parentSpanId, requestId, realClient;
    private int traceRank = Integer.MAX_VALUE, spanRank = Integer.MAX_VALUE;

    HeaderTags(TraceHeaders rules) {
        this.rules = rules;
    }

    /** One header; the name in any case. */
    public void header(String name, String value) {
        String key = TraceHeaders.normalize(name);
        int tRank = rules.traceRank(key);
        int sRank = rules.spanRank(key);
        if (tRank >= 0 || sRank >= 0) {
            TraceHeaders.Ids ids = TraceHeaders.decode(key, value);
            if (tRank >= 0 && ids.traceId() != null && tRank < traceRank) {
                traceRank = tRank;
                traceId = ids.traceId();
            }
            if (sRank >= 0 && ids.spanId() != null && sRank < spanRank) {
                spanRank = sRank;
                spanId = ids.spanId();
                if (ids.parentSpanId() != null) parentSpanId = ids.parentSpanId();
            } else if (sRank >= 0 && ids.parentSpanId() != null && parentSpanId == null) {
                parentSpanId = ids.parentSpanId();
            }
        }
        if (requestId == null && rules.isRequestId(key)) requestId = value.trim();
        if (realClient == null && rules.isRealClient(key)) realClient = value.trim();
    }

    public String traceId() { return traceId; }
    public String spanId() { return spanId; }
    public String parentSpanId() { return parentSpanId; }
    public String requestId() { return requestId; }
    public String realClient() { return realClient; }

    /** Copies what was found into a message. */
    public L7Message.Builder applyTo(L7Message.Builder message) {
        return message.traceId(traceId).spanId(spanId).parentSpanId(parentSpanId).xRequestId(requestId)
                .httpProxyClient(realClient);
    }
}
