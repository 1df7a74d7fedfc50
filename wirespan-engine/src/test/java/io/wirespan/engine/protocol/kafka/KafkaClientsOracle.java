package io.wirespan.engine.protocol.kafka;

import io.wirespan.api.L7Message;
import io.wirespan.api.MessageType;
import io.wirespan.engine.testing.TcpStreams;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * Kafka's own client library ({@code kafka-clients}) as an independent decoder of captured Kafka
 * traffic: every frame of every TCP flow goes through {@code RequestHeader.parse},
 * {@code AbstractRequest.parseRequest}, {@code ResponseHeader.parse} and
 * {@code AbstractResponse.parseResponse}, and becomes the call-log fields the Kafka parser should
 * give it. Topic ids are named by the Metadata responses of the whole capture, as the parser names
 * them by those it saw before. Frames of versions this kafka-clients no longer reads (Produce v0-v2,
 * ...) keep their header fields only.
 */
public final class KafkaClientsOracle {
    /**
     * One frame in the fields of its call-log message; {@code headerOnly} when kafka-clients could not
     * read the body (then only the header fields count).
     */
    public record Frame(boolean request, String api, int version, int correlationId, String topic, String endpoint,
            String resource, String groupId, Integer responseCode, boolean headerOnly) {

        /** The same fields of a message of our parser; header fields only when {@code headerOnly}. */
        public static Frame of(L7Message m, boolean headerOnly) {
            boolean request = m.type() == MessageType.REQUEST;
            int correlationId = m.sessionId() == null ? -1 : (int) (long) m.sessionId();
            int version = Integer.parseInt(m.version());
            if (headerOnly) return new Frame(request, m.requestType(), version, correlationId, null, null, null, null, null, true);
            String group = m.attributes() == null ? null : m.attributes().get("group_id");
            return new Frame(request, m.requestType(), version, correlationId, m.requestDomain(), m.endpoint(),
                    m.requestResource(), group, request ? null : m.responseCode(), false);
        }
    }

    /**
     * Frames per flow id, in stream order (requests and responses apart, as each side is its own
     * stream); {@code reversed} holds the flows whose requests come from the side the flow table took
     * for the server (a capture without the SYN).
     */
    public record Decoded(Map<Long, List<Frame>> requests, Map<Long, List<Frame>> responses, Set<Long> reversed,
            int headerOnly) {
        public int frames() {
            int n = 0;
            for (List<Frame> f : requests.values()) n += f.size();
            for (List<Frame> f : responses.values()) n += f.size();
            return n;
        }
    }

    private record Raw(long flowId, boolean request, ApiKeys key, short version, int correlationId, ApiMessage data) {}

    private KafkaClientsOracle() {}

    /** Decodes the Kafka flows of a capture: those whose client stream starts with a request kafka-clients reads. */
    public static Decoded decode(TcpStreams capture) {
        List<Raw> raws = new ArrayList<>();
        Set<Long> reversed = new HashSet<>();
        for (TcpStreams.Stream s : capture.streams()) {
            boolean reverse = !startsWithRequest(s.fromClient()) && startsWithRequest(s.fromServer());
            if (reverse) reversed.add(s.flowId());
            raws.addAll(decodeFlow(s.flowId(), reverse ? s.fromServer() : s.fromClient(), reverse ? s.fromClient() : s.fromServer()));
        }
        Map<Uuid, String> names = new HashMap<>();
        for (Raw r : raws) {
            if (!r.request() && r.data() instanceof MetadataResponseData m) {
                for (MetadataResponseData.MetadataResponseTopic t : m.topics()) {
                    if (t.name() != null && !Uuid.ZERO_UUID.equals(t.topicId())) names.put(t.topicId(), t.name());
                }
            }
        }
        Map<Long, List<Frame>> requests = new LinkedHashMap<>();
        Map<Long, List<Frame>> responses = new LinkedHashMap<>();
        int headerOnly = 0;
        for (Raw r : raws) {
            Frame f = r.request() ? request(r, names) : response(r, names);
            if (f.headerOnly()) headerOnly++;
            (r.request() ? requests : responses).computeIfAbsent(r.flowId(), k -> new ArrayList<>()).add(f);
        }
        return new Decoded(requests, responses, reversed, headerOnly);
    }

    /** Whether the stream's first frame is a request kafka-clients reads. */
    private static boolean startsWithRequest(byte[] stream) {
        List<ByteBuffer> frames = frames(stream);
        if (frames.isEmpty()) return false;
        ByteBuffer frame = frames.getFirst();
        try {
            RequestHeader header = RequestHeader.parse(frame);
            AbstractRequest.parseRequest(header.apiKey(), header.apiVersion(), new ByteBufferAccessor(frame));
            return true;
        } catch (RuntimeException notARequest) {
            return false;
        }
    }

    private static List<Raw> decodeFlow(long flowId, byte[] fromClient, byte[] fromServer) {
        List<Raw> out = new ArrayList<>();
        Map<Integer, Raw> pending = new HashMap<>();
        for (ByteBuffer frame : frames(fromClient)) {
            short keyId = frame.getShort(0);
            short version = frame.getShort(2);
            int correlationId = frame.getInt(4);
            if (!ApiKeys.hasId(keyId)) {
                if (out.isEmpty()) return List.of(); // not Kafka
                throw new AssertionError("flow " + flowId + ": kafka-clients knows no api key " + keyId);
            }
            ApiKeys key = ApiKeys.forId(keyId);
            ApiMessage data = null;
            if (key.isVersionSupported(version)) {
                RequestHeader header = RequestHeader.parse(frame);
                data = AbstractRequest.parseRequest(header.apiKey(), header.apiVersion(), new ByteBufferAccessor(frame)).request.data();
            }
            Raw raw = new Raw(flowId, true, key, version, correlationId, data);
            out.add(raw);
            pending.put(correlationId, raw);
        }
        for (ByteBuffer frame : frames(fromServer)) {
            int correlationId = frame.getInt(0);
            Raw request = pending.remove(correlationId);
            if (request == null) throw new AssertionError("flow " + flowId + ": a response to no request, correlation " + correlationId);
            ApiMessage data = null;
            if (request.data() != null) {
                ResponseHeader.parse(frame, request.key().responseHeaderVersion(request.version()));
                data = AbstractResponse.parseResponse(request.key(), new ByteBufferAccessor(frame), request.version()).data();
            }
            out.add(new Raw(flowId, false, request.key(), request.version(), correlationId, data));
        }
        return out;
    }

    /** The whole frames of one direction (size-prefixed), each as a buffer past its size. */
    private static List<ByteBuffer> frames(byte[] stream) {
        List<ByteBuffer> frames = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(stream);
        while (b.remaining() >= 4) {
            int size = b.getInt(b.position());
            if (size < 4 || size > b.remaining() - 4) break;
            frames.add(ByteBuffer.wrap(stream, b.position() + 4, size).slice());
            b.position(b.position() + 4 + size);
        }
        return frames;
    }

    private static Frame request(Raw r, Map<Uuid, String> names) {
        if (r.data() == null) return headerOnly(r);
        String topic = null;
        int partition = -1;
        long offset = -1;
        String group = null;
        switch (r.data()) {
            case ProduceRequestData d when !d.topicData().isEmpty() -> {
                ProduceRequestData.TopicProduceData t = d.topicData().iterator().next();
                topic = topic(t.name(), t.topicId(), r.version() >= 13, names);
                if (!t.partitionData().isEmpty()) partition = t.partitionData().getFirst().index();
            }
            case FetchRequestData d when !d.topics().isEmpty() -> {
                FetchRequestData.FetchTopic t = d.topics().getFirst();
                topic = topic(t.topic(), t.topicId(), r.version() >= 13, names);
                if (!t.partitions().isEmpty()) {
                    partition = t.partitions().getFirst().partition();
                    offset = t.partitions().getFirst().fetchOffset();
                }
            }
            case ListOffsetsRequestData d when !d.topics().isEmpty() -> {
                topic = d.topics().getFirst().name();
                if (!d.topics().getFirst().partitions().isEmpty()) partition = d.topics().getFirst().partitions().getFirst().partitionIndex();
            }
            case MetadataRequestData d when d.topics() != null && !d.topics().isEmpty() -> {
                MetadataRequestData.MetadataRequestTopic t = d.topics().getFirst();
                topic = t.name() != null || Uuid.ZERO_UUID.equals(t.topicId()) ? t.name() : topic(null, t.topicId(), true, names);
            }
            case OffsetCommitRequestData d -> {
                group = d.groupId();
                if (!d.topics().isEmpty()) {
                    OffsetCommitRequestData.OffsetCommitRequestTopic t = d.topics().getFirst();
                    topic = topic(t.name(), t.topicId(), r.version() >= 10, names);
                    if (!t.partitions().isEmpty()) {
                        partition = t.partitions().getFirst().partitionIndex();
                        offset = t.partitions().getFirst().committedOffset();
                    }
                }
            }
            case OffsetFetchRequestData d when r.version() < 8 -> {
                group = d.groupId();
                if (d.topics() != null && !d.topics().isEmpty()) {
                    topic = d.topics().getFirst().name();
                    if (!d.topics().getFirst().partitionIndexes().isEmpty()) partition = d.topics().getFirst().partitionIndexes().getFirst();
                }
            }
            case OffsetFetchRequestData d when !d.groups().isEmpty() -> {
                OffsetFetchRequestData.OffsetFetchRequestGroup g = d.groups().getFirst();
                group = g.groupId();
                if (g.topics() != null && !g.topics().isEmpty()) {
                    OffsetFetchRequestData.OffsetFetchRequestTopics t = g.topics().getFirst();
                    topic = topic(t.name(), t.topicId(), r.version() >= 10, names);
                    if (!t.partitionIndexes().isEmpty()) partition = t.partitionIndexes().getFirst();
                }
            }
            case CreateTopicsRequestData d when !d.topics().isEmpty() -> topic = d.topics().iterator().next().name();
            case JoinGroupRequestData d -> group = d.groupId();
            case HeartbeatRequestData d -> group = d.groupId();
            case LeaveGroupRequestData d -> group = d.groupId();
            case SyncGroupRequestData d -> group = d.groupId();
            default -> { }
        }
        String endpoint = topic == null || partition < 0 ? null : topic + "-" + partition;
        String resource = endpoint == null || offset < 0 ? null : endpoint + ":" + offset;
        return new Frame(true, r.key().name, r.version(), r.correlationId(), topic, endpoint, resource, group, null, false);
    }

    private static Frame response(Raw r, Map<Uuid, String> names) {
        if (r.data() == null) return headerOnly(r);
        String topic = null;
        int partition = -1;
        long offset = -1;
        Integer code = KafkaParser.NOT_INSPECTED_CODE;
        switch (r.data()) {
            case ProduceResponseData d -> {
                code = null;
                if (!d.responses().isEmpty()) {
                    ProduceResponseData.TopicProduceResponse t = d.responses().iterator().next();
                    topic = topic(t.name(), t.topicId(), r.version() >= 13, names);
                    if (!t.partitionResponses().isEmpty()) {
                        ProduceResponseData.PartitionProduceResponse p = t.partitionResponses().getFirst();
                        partition = p.index();
                        code = (int) p.errorCode();
                        offset = p.baseOffset();
                    }
                }
            }
            case FetchResponseData d -> code = r.version() >= 7 ? (int) d.errorCode()
                    : d.responses().isEmpty() || d.responses().getFirst().partitions().isEmpty() ? null
                    : (int) d.responses().getFirst().partitions().getFirst().errorCode();
            case JoinGroupResponseData d -> code = (int) d.errorCode();
            case LeaveGroupResponseData d -> code = (int) d.errorCode();
            case SyncGroupResponseData d -> code = (int) d.errorCode();
            case ApiVersionsResponseData d -> code = (int) d.errorCode();
            default -> { }
        }
        String endpoint = topic == null || partition < 0 ? null : topic + "-" + partition;
        String resource = endpoint == null || offset < 0 ? null : endpoint + ":" + offset;
        return new Frame(false, r.key().name, r.version(), r.correlationId(), topic, endpoint, resource, null, code, false);
    }

    private static Frame headerOnly(Raw r) {
        return new Frame(r.request(), r.key().name, r.version(), r.correlationId(), null, null, null, null, null, true);
    }

    /** A topic by name, or by id (named when a Metadata response named it, else as Kafka prints the id). */
    private static String topic(String name, Uuid id, boolean byId, Map<Uuid, String> names) {
        if (!byId) return name;
        return names.getOrDefault(id, id.toString());
    }
}
