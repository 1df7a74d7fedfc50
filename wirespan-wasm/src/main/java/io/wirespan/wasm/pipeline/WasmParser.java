package io.wirespan.wasm.pipeline;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.MessageSink;
import io.wirespan.api.ParseContext;
import io.wirespan.api.ParserCounter;
import io.wirespan.wasm.PluginChain;
import io.wirespan.wasm.abi.BaseContext;
import io.wirespan.wasm.abi.PluginRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One flow of a plugin's protocol: each payload goes to the plugins' {@code parse_payload} with
 * the claimed protocol number, and each record that comes back becomes a message of protocol 127
 * named as {@code check_payload} named it. Plugins see payloads, not frames, so every byte is
 * consumed. Pairing is the engine's: by {@code request_id} when a record has one, else in order;
 * {@code is_async} records are not paired.
 */
final class WasmParser implements L7Parser {
    private PluginChain.Claim claim;
    private final ShardChain chain;
    private final PluginContexts contexts = new PluginContexts();
    private ParserCounter notParsed, unclaimed;

    WasmParser(ShardChain chain, PluginChain.Claim claim) {
        this.chain = chain;
        this.claim = claim;
    }

    @Override
    public int parse(Direction direction, byte[] data, int offset, int length, ParseContext context, MessageSink out) {
        if (notParsed == null) {
            notParsed = context.counter("payloads_not_parsed");
            unclaimed = context.counter("payloads_unclaimed");
        }
        byte[] payload = PluginContexts.payload(context, data, offset, length);
        if (claim == null) claim = chain.current().check(contexts.of(context, direction, 0), payload);
        if (claim == null) {
            unclaimed.add(1);
            return length;
        }
        BaseContext base = contexts.of(context, direction, claim.number());
        List<PluginRecord> records = chain.current().parse(base, payload);
        if (records == null) {
            notParsed.add(1); // no plugin took it: DeepFlow's silent parse error
            return length;
        }
        L7Protocol protocol = new L7Protocol(L7Protocol.CUSTOM.id(), claim.name().isBlank() ? L7Protocol.CUSTOM.name() : claim.name());
        for (PluginRecord record : records) out.emit(message(record, direction, protocol, length));
        return length;
    }

    static L7Message message(PluginRecord r, Direction direction, L7Protocol protocol, long capturedBytes) {
        boolean request = r.request() != null || r.response() == null && direction == Direction.CLIENT_TO_SERVER;
        L7Message.Builder m = request ? L7Message.request() : L7Message.response();
        m.protocol(protocol).sessionId(r.requestId()).capturedBytes(capturedBytes)
                .requestLength(r.requestLength() == null ? null : r.requestLength().longValue())
                .responseLength(r.responseLength() == null ? null : r.responseLength().longValue())
                .isAsync(r.isAsync()).isReversed(r.isReversed());
        if (r.request() != null) {
            m.version(text(r.request().version())).requestType(text(r.request().type()))
                    .requestDomain(text(r.request().domain())).requestResource(text(r.request().resource()))
                    .endpoint(text(r.request().endpoint()));
        }
        if (r.response() != null) {
            m.responseStatus(r.response().status()).responseCode(r.response().code())
                    .responseException(text(r.response().exception())).responseResult(text(r.response().result()))
                    .requestType(text(r.response().type())).endpoint(text(r.response().endpoint()));
        }
        if (r.trace() != null) {
            m.traceId(text(r.trace().traceId())).spanId(text(r.trace().spanId()))
                    .parentSpanId(text(r.trace().parentSpanId())).xRequestId(text(r.trace().xRequestId()))
                    .httpProxyClient(text(r.trace().httpProxyClient()));
        }
        if (!r.attributes().isEmpty()) m.attributes(attributes(r.attributes()));
        return m.build();
    }

    static Map<String, String> attributes(List<PluginRecord.KeyValue> pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (PluginRecord.KeyValue kv : pairs) map.put(kv.key(), kv.value());
        return map;
    }

    static String text(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
