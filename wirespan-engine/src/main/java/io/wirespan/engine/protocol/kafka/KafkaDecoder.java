package io.wirespan.engine.protocol.kafka;

import io.wirespan.engine.protocol.kafka.KafkaMessage.Request;
import io.wirespan.engine.protocol.kafka.KafkaMessage.Response;
import io.wirespan.engine.tags.HeaderTags;
import io.wirespan.engine.tags.TraceHeaders;

/**
 * Decodes the start of a frame (the bytes after its size, up to the decode window): the request
 * header v0-v2 or response header v0/v1, then the body fields that reach the call log. Field
 * layouts follow the Kafka protocol guide's message schemas per version; a body that ends early or
 * does not parse keeps the fields read before the damage. One instance per parser.
 */
final class KafkaDecoder {
    /** Record headers read from a Produce's first record, at most. */
    static final int MAX_RECORD_HEADERS = 64;

    private final KafkaReader r = new KafkaReader();
    private final TraceHeaders traceHeaders;
    private final KafkaTopicNames topicNames;
    private HeaderTags tags;

    KafkaDecoder(TraceHeaders traceHeaders, KafkaTopicNames topicNames) {
        this.traceHeaders = traceHeaders;
        this.topicNames = topicNames;
    }

    // body fields of the frame being decoded
    private String topic;
    private int partition;
    private long offset;
    private String groupId;
    private Integer error;

    /** The request header and body; null when the header itself is incomplete. */
    Request request(byte[] b, int from, int to, int size) {
        r.reset(b, from, to);
        KafkaApiKey key;
        int version;
        int correlationId;
        String clientId;
        try {
            key = KafkaApiKey.valueOf(r.i16());
            version = r.i16();
            correlationId = r.i32();
            clientId = r.string(false); // never compact, even in header v2
        } catch (KafkaReader.Underflow e) {
            return null;
        }
        clear();
        boolean flexible = key.flexible(version);
        try {
            if (flexible) r.skipTaggedFields();
            if (key.decodable(version)) requestBody(key, version, flexible);
        } catch (KafkaReader.Underflow e) {
            // keep what was read
        }
        return new Request(key, version, correlationId, size, clientId, topic, partition, offset, groupId,
                tags == null ? null : tags.traceId(), tags == null ? null : tags.spanId(),
                tags == null ? null : tags.parentSpanId());
    }

    /** The response header and body, decoded with its request's key and version; null when the header is incomplete. */
    Response response(byte[] b, int from, int to, int size, KafkaApiKey key, int version) {
        r.reset(b, from, to);
        int correlationId;
        try {
            correlationId = r.i32();
        } catch (KafkaReader.Underflow e) {
            return null;
        }
        clear();
        try {
            if (key.flexibleResponseHeader(version)) r.skipTaggedFields();
            if (!key.decodable(version)) {
                // a newer version: its layout is unknown
            } else if (key.responseInspected()) {
                responseBody(key, version, key.flexible(version));
            } else if (key.code() == KafkaApiKey.METADATA.code()) {
                learnTopicIds(version, key.flexible(version));
            }
        } catch (KafkaReader.Underflow e) {
            // keep what was read
        }
        return new Response(key, version, correlationId, size, error == null ? null : KafkaErrorCode.valueOf(error),
                topic, partition, offset);
    }

    private void clear() {
        topic = null;
        partition = -1;
        offset = -1;
        groupId = null;
        error = null;
        tags = null;
    }

    private void requestBody(KafkaApiKey key, int v, boolean c) {
        switch (key.code()) {
            case 0 -> produceRequest(v, c);
            case 1 -> fetchRequest(v, c);
            case 2 -> listOffsetsRequest(v, c);
            case 3 -> metadataRequest(v, c);
            case 8 -> offsetCommitRequest(v, c);
            case 9 -> offsetFetchRequest(v, c);
            case 19 -> { // CreateTopics: the first topic's name
                if (r.arrayLength(c) > 0) topic = r.string(c);
            }
            case 11, 12, 13, 14 -> groupId = r.string(c); // JoinGroup, Heartbeat, LeaveGroup, SyncGroup: group_id first
            default -> { }
        }
    }

    private void produceRequest(int v, boolean c) {
        if (v >= 3) r.skipString(c); // transactional_id
        r.i16(); // acks
        r.i32(); // timeout_ms
        if (r.arrayLength(c) <= 0) return;
        topic = v >= 13 ? topicId() : r.string(c);
        if (r.arrayLength(c) <= 0) return;
        partition = r.i32();
        recordHeaders(c);
    }

    /**
     * The headers of the first record of a Produce's record set (record batch v2, KIP-98/KIP-82),
     * fed to the trace-header rules; compressed batches and older message formats carry none readable.
     */
    private void recordHeaders(boolean c) {
        int length = c ? r.uvarint() - 1 : r.i32();
        if (length <= 0) return;
        r.i64(); // base_offset
        r.i32(); // batch_length
        r.i32(); // partition_leader_epoch
        if (r.i8() != 2) return; // magic
        r.i32(); // crc
        int attributes = r.i16();
        if ((attributes & 0x07) != 0) return; // compressed
        r.skip(4 + 8 + 8 + 8 + 2 + 4); // last_offset_delta, timestamps, producer id and epoch, base_sequence
        if (r.i32() <= 0) return; // records
        r.varint(); // record length
        r.i8(); // attributes
        r.skipVarlong(); // timestamp_delta
        r.varint(); // offset_delta
        int keyLength = r.varint();
        if (keyLength > 0) r.skip(keyLength);
        int valueLength = r.varint();
        if (valueLength > 0) r.skip(valueLength);
        int headers = Math.min(r.varint(), MAX_RECORD_HEADERS);
        for (int i = 0; i < headers; i++) {
            String name = r.utf8(r.varint());
            String value = r.utf8(r.varint());
            if (name == null || value == null) continue;
            if (tags == null) tags = traceHeaders.newMessage();
            tags.header(name, value);
        }
    }

    private void fetchRequest(int v, boolean c) {
        if (v < 15) r.i32(); // replica_id (a tagged replica_state from v15)
        r.i32(); // max_wait_ms
        r.i32(); // min_bytes
        if (v >= 3) r.i32(); // max_bytes
        if (v >= 4) r.i8(); // isolation_level
        if (v >= 7) {
            r.i32(); // session_id
            r.i32(); // session_epoch
        }
        if (r.arrayLength(c) <= 0) return;
        topic = v >= 13 ? topicId() : r.string(c);
        if (r.arrayLength(c) <= 0) return;
        partition = r.i32();
        if (v >= 9) r.i32(); // current_leader_epoch
        offset = r.i64(); // fetch_offset
    }

    private void listOffsetsRequest(int v, boolean c) {
        r.i32(); // replica_id
        if (v >= 2) r.i8(); // isolation_level
        if (r.arrayLength(c) <= 0) return;
        topic = r.string(c);
        if (r.arrayLength(c) <= 0) return;
        partition = r.i32();
    }

    private void metadataRequest(int v, boolean c) {
        if (r.arrayLength(c) <= 0) return;
        if (v >= 10) {
            long hi = r.i64();
            long lo = r.i64();
            String name = r.string(c);
            topic = name != null || (hi | lo) == 0 ? name : topicNames.nameOrId(hi, lo);
        } else {
            topic = r.string(c);
        }
    }

    private void offsetCommitRequest(int v, boolean c) {
        groupId = r.string(c);
        if (v >= 1) {
            r.i32(); // generation_id_or_member_epoch
            r.skipString(c); // member_id
        }
        if (v >= 7) r.skipString(c); // group_instance_id
        if (v >= 2 && v <= 4) r.i64(); // retention_time_ms
        if (r.arrayLength(c) <= 0) return;
        topic = v >= 10 ? topicId() : r.string(c);
        if (r.arrayLength(c) <= 0) return;
        partition = r.i32();
        offset = r.i64(); // committed_offset
    }

    private void offsetFetchRequest(int v, boolean c) {
        if (v >= 8) {
            if (r.arrayLength(c) <= 0) return; // groups
            groupId = r.string(c);
            if (v >= 9) {
                r.skipString(c); // member_id
                r.i32(); // member_epoch
            }
        } else {
            groupId = r.string(c);
        }
        if (r.arrayLength(c) <= 0) return;
        topic = v >= 10 ? topicId() : r.string(c);
        if (r.arrayLength(c) <= 0) return;
        partition = r.i32();
    }

    private void responseBody(KafkaApiKey key, int v, boolean c) {
        switch (key.code()) {
            case 0 -> produceResponse(v, c);
            case 1 -> fetchResponse(v, c);
            case 11 -> {
                if (v >= 2) r.i32(); // throttle_time_ms
                error = r.i16();
            }
            case 13, 14 -> {
                if (v >= 1) r.i32(); // throttle_time_ms
                error = r.i16();
            }
            case 18 -> error = r.i16();
            default -> { }
        }
    }

    private void produceResponse(int v, boolean c) {
        if (r.arrayLength(c) <= 0) return;
        topic = v >= 13 ? topicId() : r.string(c);
        if (r.arrayLength(c) <= 0) return;
        partition = r.i32();
        error = r.i16();
        offset = r.i64(); // base_offset
    }

    private void fetchResponse(int v, boolean c) {
        if (v >= 1) r.i32(); // throttle_time_ms
        if (v >= 7) {
            error = r.i16(); // the top-level error decides, as in DeepFlow
            return;
        }
        if (r.arrayLength(c) <= 0) return;
        r.skipString(c); // topic
        if (r.arrayLength(c) <= 0) return;
        r.i32(); // partition_index
        error = r.i16();
    }

    /** A topic id (KIP-516): the topic's name when a Metadata response named it, else the id as Kafka prints it. */
    private String topicId() {
        long hi = r.i64();
        long lo = r.i64();
        return topicNames.nameOrId(hi, lo);
    }

    /**
     * The id and name of every topic of a Metadata response v10+ (as far as the decode window
     * reaches), for the requests that name topics by id. The response's errors stay uninspected,
     * as in DeepFlow.
     */
    private void learnTopicIds(int v, boolean c) {
        if (v < 10) return; // no topic ids before v10
        r.i32(); // throttle_time_ms
        int brokers = r.arrayLength(c);
        for (int i = 0; i < brokers; i++) {
            r.i32(); // node_id
            r.skipString(c); // host
            r.i32(); // port
            r.skipString(c); // rack
            r.skipTaggedFields();
        }
        r.skipString(c); // cluster_id
        r.i32(); // controller_id
        int topics = r.arrayLength(c);
        for (int i = 0; i < topics; i++) {
            r.i16(); // error_code
            String name = r.string(c);
            long hi = r.i64();
            long lo = r.i64();
            topicNames.learn(hi, lo, name);
            r.i8(); // is_internal
            int partitions = r.arrayLength(c);
            for (int p = 0; p < partitions; p++) {
                r.skip(2 + 4 + 4 + 4); // error_code, partition_index, leader_id, leader_epoch
                for (int list = 0; list < 3; list++) { // replica_nodes, isr_nodes, offline_replicas: int32 arrays
                    int n = r.arrayLength(c);
                    if (n > 0) r.skip((int) Math.min(Integer.MAX_VALUE, 4L * n));
                }
                r.skipTaggedFields();
            }
            r.i32(); // topic_authorized_operations
            r.skipTaggedFields();
        }
    }
}
