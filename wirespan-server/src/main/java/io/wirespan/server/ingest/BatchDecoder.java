package io.wirespan.server.ingest;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.wirespan.api.CallLog;
import io.wirespan.api.CallLogType;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.metrics.MetricsRow;
import io.wirespan.server.ingest.IngestCodec.DecodedBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a {@code Batch} of {@code ingest.proto} from its bytes straight into records, without
 * protobuf's message objects in between. A batch repeats most of its values row after row
 * (addresses, agent, endpoint, protocol and status names): each distinct one becomes one
 * {@code String}, made the first time and shared after, so a batch of 8,192 call logs costs the
 * collector a few hundred strings where it would cost a hundred thousand.
 *
 * <p>As protobuf reads it: fields in any order, the last of a repeated scalar wins, unknown fields
 * and known ones of an unexpected wire type are skipped, and text must be valid UTF-8. The
 * generated classes still write batches (agents, tests) and read the few metrics rows.
 */
final class BatchDecoder {
    private final byte[] bytes;
    private final CodedInputStream in;
    private final RepeatedText repeated;
    private final Map<String, L7Protocol> protocols = new HashMap<>();

    private BatchDecoder(byte[] bytes) {
        this.bytes = bytes;
        this.in = CodedInputStream.newInstance(bytes);
        this.repeated = new RepeatedText(bytes);
    }

    /**
     * @throws InvalidProtocolBufferException when {@code bytes} are not a {@code Batch}
     * @throws IllegalArgumentException naming the first value out of range, and where
     */
    static DecodedBatch decode(byte[] bytes) throws IOException {
        return new BatchDecoder(bytes).batch();
    }

    private static int tag(int field, int wireType) {
        return field << 3 | wireType;
    }

    private static final int VARINT = WireFormat.WIRETYPE_VARINT, LEN = WireFormat.WIRETYPE_LENGTH_DELIMITED;

    private DecodedBatch batch() throws IOException {
        String id = "", agent = "";
        List<CallLog> logs = new ArrayList<>();
        List<MetricsRow> rows = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == tag(1, LEN)) id = text();
            else if (tag == tag(2, LEN)) agent = text();
            else if (tag == tag(3, LEN)) logs.add(within("call_logs[" + logs.size() + "]", this::callLog));
            else if (tag == tag(4, LEN)) rows.add(within("metrics[" + rows.size() + "]", this::metricsRow));
            else if (!in.skipField(tag)) break;
        }
        in.checkLastTagWas(0);
        if (id.isBlank()) throw new IllegalArgumentException("batch_id is missing");
        if (id.length() > IngestCodec.MAX_BATCH_ID) {
            throw new IllegalArgumentException("batch_id is longer than " + IngestCodec.MAX_BATCH_ID + " characters");
        }
        return new DecodedBatch(id, agent, logs, rows);
    }

    private interface Message<T> {
        T read() throws IOException;
    }

    /** Reads one embedded message, and says which when a value of it is out of range. */
    private <T> T within(String where, Message<T> message) throws IOException {
        try {
            return embedded(message);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private <T> T embedded(Message<T> message) throws IOException {
        int outer = in.pushLimit(in.readRawVarint32());
        T value = message.read();
        in.checkLastTagWas(0);
        in.popLimit(outer);
        return value;
    }

    private MetricsRow metricsRow() throws IOException {
        var row = io.wirespan.server.ingest.proto.MetricsRow.newBuilder().mergeFrom(in, ExtensionRegistryLite.getEmptyRegistry());
        return IngestCodec.decode(row.build());
    }

    private CallLog callLog() throws IOException {
        CallLog.Builder log = CallLog.builder();
        String type = "", protocol = "", ip0 = "", ip1 = "", l7Name = "", status = "";
        int clientPort = 0, serverPort = 0, l7Id = 0;
        Map<String, String> attributes = Map.of();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wireType = WireFormat.getTagWireType(tag);
            if (wireType == VARINT) {
                switch (field) {
                    case 2 -> log.startTime(in.readInt64());
                    case 3 -> log.endTime(in.readInt64());
                    case 4 -> log.flowId(in.readInt64());
                    case 8 -> clientPort = in.readInt32();
                    case 9 -> serverPort = in.readInt32();
                    case 11 -> l7Id = in.readInt32();
                    case 18 -> log.requestId(in.readInt64());
                    case 20 -> log.responseCode(in.readInt32());
                    case 23 -> log.responseDuration(in.readInt64());
                    case 24 -> log.requestLength(in.readInt64());
                    case 25 -> log.responseLength(in.readInt64());
                    case 26 -> log.capturedRequestByte(in.readInt64());
                    case 27 -> log.capturedResponseByte(in.readInt64());
                    case 28 -> log.sqlAffectedRows(in.readInt64());
                    case 29 -> log.isTls(in.readBool());
                    case 30 -> log.isAsync(in.readBool());
                    case 31 -> log.isReversed(in.readBool());
                    default -> in.skipField(tag);
                }
            } else if (wireType == LEN) {
                switch (field) {
                    case 1 -> type = repeatedText();
                    case 5 -> protocol = repeatedText();
                    case 6 -> ip0 = repeatedText();
                    case 7 -> ip1 = repeatedText();
                    case 10 -> log.agent(repeatedText());
                    case 12 -> l7Name = repeatedText();
                    case 13 -> log.version(repeatedText());
                    case 14 -> log.requestType(repeatedText());
                    case 15 -> log.requestDomain(repeatedText());
                    case 16 -> log.requestResource(text());
                    case 17 -> log.endpoint(repeatedText());
                    case 19 -> status = repeatedText();
                    case 21 -> log.responseException(repeatedText());
                    case 22 -> log.responseResult(text());
                    case 32 -> log.traceId(text());
                    case 33 -> log.spanId(text());
                    case 34 -> log.parentSpanId(text());
                    case 35 -> log.xRequestId0(text());
                    case 36 -> log.xRequestId1(text());
                    case 37 -> log.httpProxyClient(text());
                    case 38 -> {
                        Map.Entry<String, String> attribute = embedded(this::attribute);
                        if (attributes.isEmpty()) attributes = new HashMap<>();
                        attributes.put(attribute.getKey(), attribute.getValue());
                    }
                    case 39 -> log.plugin(repeatedText());
                    default -> in.skipField(tag);
                }
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        return log.type(IngestCodec.named(CallLogType.values(), type, CallLogType::wireName, "type"))
                .protocol(IngestCodec.oneOf(protocol, "protocol", "TCP", "UDP"))
                .client(IngestCodec.address(ip0, "ip_0"), IngestCodec.port(clientPort, "client_port"))
                .server(IngestCodec.address(ip1, "ip_1"), IngestCodec.port(serverPort, "server_port"))
                .l7Protocol(l7Protocol(l7Id, l7Name))
                .responseStatus(IngestCodec.named(ResponseStatus.values(), status, ResponseStatus::wireName, "response_status"))
                .attributes(attributes)
                .build();
    }

    /** One entry of the attributes map: a key (1) and a value (2). */
    private Map.Entry<String, String> attribute() throws IOException {
        String key = "", value = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == tag(1, LEN)) key = repeatedText();
            else if (tag == tag(2, LEN)) value = text();
            else if (!in.skipField(tag)) break;
        }
        return Map.entry(key, value);
    }

    private L7Protocol l7Protocol(int id, String name) {
        L7Protocol known = protocols.get(name);
        if (known != null && known.id() == id) return known;
        L7Protocol protocol = new L7Protocol(id, name);
        protocols.put(name, protocol);
        return protocol;
    }

    /** A string field whose value is the batch's own, most likely not seen before. */
    private String text() throws IOException {
        int length = in.readRawVarint32();
        int offset = in.getTotalBytesRead();
        in.skipRawBytes(length); // checks the length against the message's end
        return utf8(bytes, offset, length);
    }

    /** A string field whose values a batch repeats. */
    private String repeatedText() throws IOException {
        int length = in.readRawVarint32();
        int offset = in.getTotalBytesRead();
        in.skipRawBytes(length);
        return repeated.of(offset, length);
    }

    /** The text of valid UTF-8, as protobuf requires of a string; anything else is not a batch. */
    static String utf8(byte[] bytes, int offset, int length) throws InvalidProtocolBufferException {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] < 0) {
                try {
                    return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, offset, length)).toString();
                } catch (CharacterCodingException e) {
                    throw new InvalidProtocolBufferException("a string field is not valid UTF-8");
                }
            }
        }
        return new String(bytes, offset, length, StandardCharsets.US_ASCII);
    }

    /**
     * The strings met in a batch's bytes, by their bytes, in a fixed table where a newcomer takes
     * its slot's place: repeated values hit, the rare collision costs one string more.
     */
    private static final class RepeatedText {
        private static final int SLOTS = 1024;
        private final byte[] bytes;
        private final int[] hashes = new int[SLOTS], offsets = new int[SLOTS], lengths = new int[SLOTS];
        private final String[] strings = new String[SLOTS];

        RepeatedText(byte[] bytes) {
            this.bytes = bytes;
        }

        String of(int offset, int length) throws InvalidProtocolBufferException {
            int hash = 1;
            for (int i = offset; i < offset + length; i++) hash = 31 * hash + bytes[i];
            int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
            String seen = strings[slot];
            if (seen != null && hashes[slot] == hash && lengths[slot] == length
                    && Arrays.equals(bytes, offsets[slot], offsets[slot] + length, bytes, offset, offset + length)) {
                return seen;
            }
            String text = utf8(bytes, offset, length);
            strings[slot] = text;
            hashes[slot] = hash;
            offsets[slot] = offset;
            lengths[slot] = length;
            return text;
        }
    }
}
