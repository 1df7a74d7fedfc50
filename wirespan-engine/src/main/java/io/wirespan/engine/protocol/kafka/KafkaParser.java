package io.wirespan.engine.protocol.kafka;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Parser;
import io.wirespan.api.MessageSink;
import io.wirespan.api.ParseContext;
import io.wirespan.api.ParserSettings;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.protocol.ParserCounters;
import io.wirespan.engine.protocol.kafka.KafkaMessage.Request;
import io.wirespan.engine.protocol.kafka.KafkaMessage.Response;
import io.wirespan.engine.tags.TraceHeaders;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One flow's Kafka parser. The client sends requests, the server responses; each direction has
 * its {@link KafkaFramer}. A frame's head (up to {@link #WINDOW} bytes) is decoded once it is all
 * at hand; the rest is consumed as it arrives, so a large Produce or Fetch is never held. Requests
 * remember {@code correlation id -> (api key, version)} in a bounded insertion-ordered map (as
 * DeepFlow's 32-entry LRU per flow); a response is decoded with its request's key and version and
 * a response without one is framed but not reported (DeepFlow drops it too).
 */
final class KafkaParser implements L7Parser {
    /** The most bytes of a frame decoded: the header and the first topic and partition are near its start. */
    static final int WINDOW = 8192;
    static final String NOT_INSPECTED = "Type not yet inspected by DeepFlow";
    static final int NOT_INSPECTED_CODE = -2;
    private static final String[] VERSIONS = new String[32];

    static {
        for (int i = 0; i < VERSIONS.length; i++) VERSIONS[i] = Integer.toString(i);
    }

    private final KafkaFramer[] framers = {new KafkaFramer(), new KafkaFramer()};
    private final KafkaDecoder decoder;
    private final Map<Integer, Integer> pending;
    private final ParserCounters<KafkaCounter> counters;

    KafkaParser(TraceHeaders traceHeaders, KafkaTopicNames topicNames, int maxPending, ParseContext context) {
        this.counters = new ParserCounters<>(KafkaCounter.values(), context);
        this.decoder = new KafkaDecoder(traceHeaders, topicNames);
        this.pending = new LinkedHashMap<>(maxPending * 2) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Integer> eldest) {
                if (size() <= maxPending) return false;
                counters.increment(KafkaCounter.EVICTED_REQUESTS);
                return true;
            }
        };
    }

    @Override
    public int parse(Direction direction, byte[] data, int offset, int length, ParseContext context, MessageSink out) {
        if (data == null || length <= 0 || offset < 0 || offset > data.length - length) return 0;
        boolean fromClient = direction == Direction.CLIENT_TO_SERVER;
        KafkaFramer framer = framers[direction.ordinal()];
        int headerNeed = KafkaWire.PREFIX + (fromClient ? KafkaWire.REQUEST_HEADER_MIN : KafkaWire.RESPONSE_HEADER_MIN);
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            if (framer.skipping()) {
                pos += framer.skip(end - pos);
                continue;
            }
            int visible = end - pos;
            if (visible < headerNeed) break;
            if (!startsFrame(fromClient, framer.inSync(), data, pos, end)) {
                framer.lose();
                counters.increment(KafkaCounter.RESYNC_SKIPPED_BYTES);
                pos++;
                continue;
            }
            int size = KafkaReader.i32(data, pos);
            int window = Math.min(size, WINDOW);
            if (visible < KafkaWire.PREFIX + window) break;
            int from = pos + KafkaWire.PREFIX;
            if (fromClient) {
                request(decoder.request(data, from, from + window, size), context.settings(), out);
            } else {
                response(data, from, from + window, size, context.settings(), out);
            }
            pos += framer.take(KafkaWire.PREFIX + (long) size, visible);
        }
        return pos - offset;
    }

    @Override
    public void onGap(Direction direction, int missingBytes, ParseContext context) {
        framers[direction.ordinal()].gap(missingBytes);
    }

    private boolean startsFrame(boolean fromClient, boolean inSync, byte[] b, int at, int end) {
        if (fromClient) return KafkaWire.isRequestStart(b, at, end, !inSync);
        int size = KafkaReader.i32(b, at);
        if (size < KafkaWire.RESPONSE_HEADER_MIN || size > KafkaWire.MAX_SIZE) return false;
        return inSync || pending.containsKey(KafkaReader.i32(b, at + KafkaWire.PREFIX));
    }

    private void request(Request q, ParserSettings settings, MessageSink out) {
        if (q == null) return;
        counters.increment(KafkaCounter.MESSAGES);
        pending.remove(q.correlationId()); // a reused id takes the newest place
        pending.put(q.correlationId(), (q.apiKey().code() << 16) | (q.apiVersion() & 0xFFFF));
        String topic = settings.truncate(q.topic());
        String endpoint = endpoint(topic, q.partition());
        String resource = endpoint != null && q.offset() >= 0 ? settings.truncate(endpoint + ":" + q.offset()) : null;
        String id = Integer.toString(q.correlationId());
        out.emit(L7Message.request()
                .sessionId((long) q.correlationId())
                .version(version(q.apiVersion()))
                .requestType(q.apiKey().apiName())
                .requestDomain(topic)
                .requestResource(resource)
                .endpoint(settings.truncate(endpoint))
                .requestLength((long) q.size())
                .xRequestId(id)
                .traceId(settings.truncate(q.traceId()))
                .spanId(settings.truncate(q.spanId()))
                .parentSpanId(settings.truncate(q.parentSpanId()))
                .attributes(q.groupId() == null ? null : Map.of("group_id", settings.truncate(q.groupId())))
                .capturedBytes(KafkaWire.PREFIX + (long) q.size())
                .build());
    }

    private void response(byte[] b, int from, int to, int size, ParserSettings settings, MessageSink out) {
        Integer keyAndVersion = pending.remove(KafkaReader.i32(b, from));
        if (keyAndVersion == null) {
            counters.increment(KafkaCounter.UNMATCHED_RESPONSES);
            return;
        }
        KafkaApiKey key = KafkaApiKey.valueOf(keyAndVersion >>> 16);
        int version = keyAndVersion & 0xFFFF;
        Response r = decoder.response(b, from, to, size, key, version);
        if (r == null) return;
        counters.increment(KafkaCounter.MESSAGES);
        L7Message.Builder builder = L7Message.response();
        if (!key.responseInspected()) {
            builder.responseStatus(ResponseStatus.OK).responseCode(NOT_INSPECTED_CODE).responseException(NOT_INSPECTED);
        } else if (r.errorCode() == null) {
            builder.responseStatus(ResponseStatus.OK); // a body that did not parse: DeepFlow says ok
        } else {
            KafkaErrorCode error = r.errorCode();
            builder.responseStatus(error.status()).responseCode(error.code())
                    .responseException(error.code() == 0 ? null : error.errorName());
        }
        String topic = settings.truncate(r.topic());
        String endpoint = endpoint(topic, r.partition());
        String resource = endpoint != null && r.offset() >= 0 ? settings.truncate(endpoint + ":" + r.offset()) : null;
        out.emit(builder
                .sessionId((long) r.correlationId())
                .version(version(version))
                .requestType(key.apiName())
                .requestDomain(topic)
                .requestResource(resource)
                .endpoint(settings.truncate(endpoint))
                .responseLength((long) size)
                .xRequestId(Integer.toString(r.correlationId()))
                .capturedBytes(KafkaWire.PREFIX + (long) size)
                .build());
    }

    private static String endpoint(String topic, int partition) {
        return topic == null || partition < 0 ? null : topic + "-" + partition;
    }

    private static String version(int v) {
        return v >= 0 && v < VERSIONS.length ? VERSIONS[v] : Integer.toString(v);
    }

    ParserCounters<KafkaCounter> counters() {
        return counters;
    }

    int pendingRequests() {
        return pending.size();
    }
}
