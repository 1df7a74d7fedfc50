package io.wirespan.engine.protocol.http2;

import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.MessageType;
import io.wirespan.api.ParserSettings;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.flow.Flow;
import io.wirespan.engine.flow.FlowConfig;
import io.wirespan.engine.flow.FlowEndReason;
import io.wirespan.engine.flow.FlowListener;
import io.wirespan.engine.flow.FlowTable;
import io.wirespan.engine.protocol.ParserDriver;
import io.wirespan.engine.protocol.TestContext;
import io.wirespan.engine.tcp.ReassemblyConfig;
import io.wirespan.engine.testing.CapturePackets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a capture as the engine would: the real {@link FlowTable} reassembles each flow, the
 * first payload that {@code check} accepts fixes the client and where parsing starts (earlier
 * payloads are dropped, as DeepFlow does), the parser gets every later segment, gap and the
 * flow's end through {@link ParserDriver}, and its messages are paired by session id the way
 * DeepFlow's session aggregator does. Records come out as call-log fields.
 */
final class CorpusReplay {
    private CorpusReplay() {}

    private record Event(Direction direction, byte[] bytes, int missing, long micros) {}

    /** The call-log records of every flow of the capture, in flow order. */
    static List<Map<String, Object>> records(Path capture, L7ProtocolProvider provider, ParserSettings settings) {
        Map<Long, List<Event>> flows = new LinkedHashMap<>();
        FlowTable table = new FlowTable(FlowConfig.DEFAULTS, ReassemblyConfig.DEFAULTS, new FlowListener() {
            @Override public void onFlowStart(Flow flow, long micros) {
                flows.put(flow.id(), new ArrayList<>());
            }

            @Override public void onPayload(Flow flow, Direction d, byte[] data, int offset, int length, long micros) {
                flows.get(flow.id()).add(new Event(d, Arrays.copyOfRange(data, offset, offset + length), 0, micros));
            }

            @Override public void onGap(Flow flow, Direction d, int missing, long micros) {
                flows.get(flow.id()).add(new Event(d, null, missing, micros));
            }

            @Override public void onFlowEnd(Flow flow, FlowEndReason reason, long micros) {}
        });
        List<DecodedPacket> packets = CapturePackets.decode(capture);
        for (DecodedPacket p : packets) table.process(p);
        table.flushAll(packets.isEmpty() ? 0 : packets.getLast().timestampMicros() + 1);

        List<Map<String, Object>> records = new ArrayList<>();
        for (List<Event> events : flows.values()) records.addAll(pair(parse(events, provider, settings)));
        return records;
    }

    /** The messages of one flow, from the first payload {@code check} accepts. */
    static List<L7Message> parse(List<Event> events, L7ProtocolProvider provider, ParserSettings settings) {
        TestContext context = new TestContext(false, settings);
        int start = -1;
        boolean flip = false;
        for (int i = 0; i < events.size() && start < 0; i++) {
            Event e = events.get(i);
            if (e.bytes == null) continue;
            CheckResult verdict = provider.check(e.direction, e.bytes, 0, e.bytes.length, context);
            if (verdict.matched()) {
                start = i;
                Direction client = verdict == CheckResult.REQUEST ? e.direction : e.direction.reverse();
                flip = client != Direction.CLIENT_TO_SERVER;
            }
        }
        if (start < 0) return List.of();
        ParserDriver driver = new ParserDriver(provider.newParser(context), context);
        for (Event e : events.subList(start, events.size())) {
            Direction d = flip ? e.direction.reverse() : e.direction;
            context.at(e.micros);
            if (e.bytes == null) {
                driver.gap(d, e.missing);
            } else {
                driver.feed(d, e.bytes);
            }
        }
        return driver.end().messages();
    }

    /** DeepFlow's aggregation: a request waits for the response of its session id; sessions go out alone. */
    static List<Map<String, Object>> pair(List<L7Message> messages) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<Long, L7Message> waiting = new HashMap<>();
        for (L7Message m : messages) {
            if (m.type() == MessageType.SESSION) {
                out.add(record("session", m, m));
            } else if (m.type() == MessageType.REQUEST) {
                L7Message older = waiting.put(m.sessionId(), m);
                if (older != null) out.add(record("request", older, null));
            } else {
                L7Message request = waiting.remove(m.sessionId());
                out.add(request == null ? record("response", null, m) : record("session", request, m));
            }
        }
        waiting.values().forEach(r -> out.add(record("request", r, null)));
        return out;
    }

    private static Map<String, Object> record(String type, L7Message request, L7Message response) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("type", type);
        L7Protocol protocol = response != null && response.protocol() != null ? response.protocol()
                : request != null && request.protocol() != null ? request.protocol() : L7Protocol.HTTP2;
        r.put("l7_protocol", protocol.id());
        r.put("l7_protocol_str", protocol.name());
        L7Message any = request != null ? request : response;
        put(r, "version", any.version());
        put(r, "request_id", any.sessionId());
        if (request != null) {
            put(r, "request_type", request.requestType());
            put(r, "request_domain", request.requestDomain());
            put(r, "request_resource", request.requestResource());
            put(r, "endpoint", request.endpoint());
            put(r, "request_length", request.requestLength());
            put(r, "trace_id", request.traceId());
            put(r, "span_id", request.spanId());
            put(r, "x_request_id_0", request.xRequestId());
            put(r, "http_proxy_client", request.httpProxyClient());
        }
        if (response != null) {
            put(r, "response_length", response.responseLength());
            put(r, "response_code", response.responseCode());
            put(r, "response_exception", response.responseException());
            if (response != request) put(r, "x_request_id_1", response.xRequestId());
            ResponseStatus status = response.responseStatus() == null ? ResponseStatus.UNKNOWN : response.responseStatus();
            r.put("response_status", status.wireName());
        }
        return r;
    }

    private static void put(Map<String, Object> r, String key, Object value) {
        if (value != null) r.put(key, value instanceof Number n ? (Object) n.longValue() : value);
    }
}
