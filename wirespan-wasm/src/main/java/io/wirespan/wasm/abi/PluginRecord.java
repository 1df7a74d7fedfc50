package io.wirespan.wasm.abi;

import io.wirespan.api.ResponseStatus;
import java.util.List;

/**
 * One result record a plugin hands the host (DeepFlow's {@code AppInfo}, or a legacy binary body),
 * decoded: what the plugin says about a request or a response. Absent values are null.
 *
 * @param requestId the session id that pairs a request with its response (u32)
 * @param request the request side, or null
 * @param response the response side, or null
 * @param needsMerge the record carries an end flag: the host keeps merging until both ends are seen
 * @param isEnd with {@code needsMerge}, this record ends its side (request or response)
 * @param attributes key-value pairs in the plugin's order
 * @param bizType DeepFlow's business type, truncated to a byte as the agent does; 0 when absent
 */
public record PluginRecord(
        Integer requestLength,
        Integer responseLength,
        Long requestId,
        Request request,
        Response response,
        Trace trace,
        String protocolName,
        boolean needsMerge,
        boolean isEnd,
        Boolean isAsync,
        Boolean isReversed,
        List<KeyValue> attributes,
        int bizType,
        String bizCode,
        String bizScenario,
        String bizResponseCode) {

    public PluginRecord {
        attributes = List.copyOf(attributes);
    }

    /** The request side: each field may be empty, never null. */
    public record Request(String version, String type, String domain, String resource, String endpoint) {}

    /** The response side: {@code status} is always known; {@code code} may be absent. */
    public record Response(ResponseStatus status, Integer code, String exception, String result, String type,
                           String endpoint) {}

    /** Trace context; {@code traceIds} holds {@code trace_id} first when it was set. */
    public record Trace(List<String> traceIds, String spanId, String parentSpanId, String xRequestId,
                        String httpProxyClient) {
        public Trace {
            traceIds = List.copyOf(traceIds);
        }

        /** The first trace id, or null. */
        public String traceId() {
            return traceIds.isEmpty() ? null : traceIds.getFirst();
        }
    }

    public record KeyValue(String key, String value) {}
}
