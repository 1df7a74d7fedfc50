package io.wirespan.engine.protocol.mongodb;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.bson.RawBsonDocument;

/** Wire messages built from real {@code org.bson} documents, for the tests. */
final class MongoSamples {
    private MongoSamples() {}

    /** The BSON bytes of a document written as Extended JSON. */
    static byte[] bson(String json) {
        RawBsonDocument doc = RawBsonDocument.parse(json);
        ByteBuffer buffer = doc.getByteBuffer().asNIO();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** OP_MSG with flagBits 0 and one kind 0 section. */
    static byte[] opMsg(int requestId, int responseTo, String body) {
        return message(requestId, responseTo, 2013, concat(le(0), new byte[] {0}, bson(body)));
    }

    /** OP_MSG with a kind 0 body then one kind 1 sequence (as drivers send them), optionally with a (dummy) checksum. */
    static byte[] opMsgWithSequence(int requestId, String body, String identifier, boolean checksum, String... docs) {
        ByteArrayOutputStream seq = new ByteArrayOutputStream();
        seq.writeBytes(identifier.getBytes(StandardCharsets.UTF_8));
        seq.write(0);
        for (String d : docs) seq.writeBytes(bson(d));
        byte[] seqBytes = seq.toByteArray();
        byte[] sections = concat(le(checksum ? 1 : 0), new byte[] {0}, bson(body), new byte[] {1},
                le(4 + seqBytes.length), seqBytes, checksum ? le(0x12345678) : new byte[0]);
        return message(requestId, 0, 2013, sections);
    }

    /** OP_QUERY on {@code collection} with the query document. */
    static byte[] opQuery(int requestId, String collection, String query) {
        return message(requestId, 0, 2004, concat(le(0), cstring(collection), le(0), le(-1), bson(query)));
    }

    /** OP_REPLY with one document. */
    static byte[] opReply(int requestId, int responseTo, int flags, String doc) {
        return message(requestId, responseTo, 1, concat(le(flags), new byte[8], le(0), le(1), bson(doc)));
    }

    /** The message's body compressed with compressor 0 noop, 1 snappy, 2 zlib or 3 zstd (fake bytes). */
    static byte[] compressed(byte[] message, int compressorId) {
        ByteBuffer m = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        byte[] body = java.util.Arrays.copyOfRange(message, 16, message.length);
        byte[] packed = switch (compressorId) {
            case 0 -> body;
            case 1 -> snappy(body);
            case 2 -> zlib(body);
            default -> new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 1, 2, 3};
        };
        return message(m.getInt(4), m.getInt(8), 2012,
                concat(le(m.getInt(12)), le(body.length), new byte[] {(byte) compressorId}, packed));
    }

    static byte[] zlib(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * A small greedy Snappy compressor: a 2-byte-offset copy wherever the last 4 bytes were seen
     * before, literals elsewhere; enough to exercise every element kind of the decompressor that
     * matters (short and long literals, copies, overlapping copies).
     */
    static byte[] snappy(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = data.length;
        for (int v = n; ; v >>>= 7) { // uncompressed length, varint
            if (v < 0x80) {
                out.write(v);
                break;
            }
            out.write((v & 0x7F) | 0x80);
        }
        java.util.Map<Integer, Integer> seen = new java.util.HashMap<>();
        int literalStart = 0;
        int i = 0;
        while (i + 4 <= n) {
            int key = ByteBuffer.wrap(data, i, 4).getInt();
            Integer prev = seen.put(key, i);
            if (prev != null && i - prev <= 0xFFFF) {
                int length = 4;
                while (i + length < n && length < 64 && data[prev + length] == data[i + length]) length++;
                literal(out, data, literalStart, i);
                out.write(((length - 1) << 2) | 2);
                out.write((i - prev) & 0xFF);
                out.write((i - prev) >>> 8);
                i += length;
                literalStart = i;
            } else {
                i++;
            }
        }
        literal(out, data, literalStart, n);
        return out.toByteArray();
    }

    private static void literal(ByteArrayOutputStream out, byte[] data, int from, int to) {
        int length = to - from;
        if (length == 0) return;
        if (length <= 60) {
            out.write((length - 1) << 2);
        } else if (length <= 256) {
            out.write(60 << 2);
            out.write(length - 1);
        } else {
            out.write(61 << 2);
            out.write((length - 1) & 0xFF);
            out.write((length - 1) >>> 8);
        }
        out.write(data, from, length);
    }

    static byte[] message(int requestId, int responseTo, int opcode, byte[] body) {
        return concat(le(16 + body.length), le(requestId), le(responseTo), le(opcode), body);
    }

    static byte[] le(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    static byte[] cstring(String s) {
        return concat(s.getBytes(StandardCharsets.UTF_8), new byte[] {0});
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
