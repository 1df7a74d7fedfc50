package io.wirespan.wasm.pipeline;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.MessageHook;
import io.wirespan.api.MessageType;
import io.wirespan.api.ParseContext;
import io.wirespan.api.ResponseStatus;
import io.wirespan.wasm.Hook;
import io.wirespan.wasm.HookCall;
import io.wirespan.wasm.PluginChain;
import io.wirespan.wasm.abi.HookPart;
import io.wirespan.wasm.abi.PluginRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The plugins' {@code on_http_req}/{@code on_http_resp}, after native HTTP/1, HTTP/2, gRPC and
 * Triple parsing, merged into the message as DeepFlow merges them into its HttpInfo (ABI §7.1):
 * the request's version (1.0, 1.1 or 2 only), method (a known one only), host, path and endpoint
 * (not its request id: the stream id pairs the request with its response, and stays);
 * the response's code, status, result and exception; on both, the trace id (the plugin's wins
 * over headers), the span id (the one it replaces is kept as attribute {@code apm_span_id}), the
 * x-request-id, the proxy client, attributes, and the async and reversed flags.
 */
final class WasmHttpHook implements MessageHook {
    private static final Set<Integer> HTTP_IDS =
            Set.of(L7Protocol.HTTP1.id(), L7Protocol.HTTP2.id(), L7Protocol.GRPC.id(), L7Protocol.TRIPLE.id());
    private static final Set<String> VERSIONS = Set.of("1.0", "1.1", "2");
    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private final Supplier<ShardChain> chains;
    private ShardChain shardChain;
    private final PluginContexts contexts = new PluginContexts();

    WasmHttpHook(Supplier<ShardChain> chains) {
        this.chains = chains;
    }

    @Override
    public boolean wants(L7Protocol protocol) {
        return HTTP_IDS.contains(protocol.id());
    }

    @Override
    public L7Message apply(L7Protocol protocol, L7Message message, Direction direction, ParseContext context,
                           byte[] payload, int offset, int length) {
        boolean request = message.type() == MessageType.REQUEST;
        if (!request && message.type() != MessageType.RESPONSE) return message;
        if (shardChain == null) shardChain = chains.get();
        PluginChain chain = shardChain.current();
        if (chain.isEmpty()) return message;
        HookPart part = request
                ? new HookPart.HttpRequest(orEmpty(message.requestResource()), orEmpty(message.requestDomain()), "", "")
                : new HookPart.HttpResponse(message.responseCode() == null ? 0 : message.responseCode(),
                        message.responseStatus() == null ? ResponseStatus.UNKNOWN : message.responseStatus(),
                        orEmpty(message.endpoint()));
        byte[] bytes = new byte[length];
        System.arraycopy(payload, offset, bytes, 0, length);
        PluginRecord record = chain.hook(new HookCall(request ? Hook.HTTP_REQ : Hook.HTTP_RESP,
                contexts.of(context, direction, protocol.id()), bytes, part));
        return record == null ? message : merged(message, record, protocol);
    }

    @Override
    public MessageHook forShard() {
        return new WasmHttpHook(chains);
    }

    static L7Message merged(L7Message message, PluginRecord r, L7Protocol protocol) {
        L7Message.Builder m = message.toBuilder();
        PluginRecord.Request q = r.request();
        if (q != null && message.type() == MessageType.REQUEST) {
            if (VERSIONS.contains(q.version())) m.version(q.version());
            if (METHODS.contains(q.type())) m.requestType(q.type());
            if (!q.domain().isEmpty()) m.requestDomain(q.domain());
            if (!q.resource().isEmpty()) m.requestResource(q.resource());
            if (!q.endpoint().isEmpty()) m.endpoint(q.endpoint());
        }
        PluginRecord.Response s = r.response();
        if (s != null && message.type() == MessageType.RESPONSE) {
            if (s.code() != null) m.responseCode(s.code());
            m.responseStatus(s.status());
            if (!s.result().isEmpty()) m.responseResult(s.result());
            if (!s.exception().isEmpty()) m.responseException(s.exception());
        }
        Map<String, String> attributes = new LinkedHashMap<>(message.attributes());
        PluginRecord.Trace t = r.trace();
        if (t != null) {
            if (t.traceId() != null) m.traceId(t.traceId());
            if (t.spanId() != null && !t.spanId().isEmpty()) {
                if (message.spanId() != null) attributes.put("apm_span_id", message.spanId());
                m.spanId(t.spanId());
            }
            if (t.xRequestId() != null && !t.xRequestId().isEmpty()) m.xRequestId(t.xRequestId());
            if (t.httpProxyClient() != null && !t.httpProxyClient().isEmpty()) m.httpProxyClient(t.httpProxyClient());
        }
        attributes.putAll(WasmParser.attributes(r.attributes()));
        m.attributes(attributes);
        if (r.isAsync() != null) m.isAsync(r.isAsync());
        if (r.isReversed() != null) m.isReversed(r.isReversed());
        return m.build();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
