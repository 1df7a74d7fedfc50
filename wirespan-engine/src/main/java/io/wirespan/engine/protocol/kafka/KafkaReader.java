package io.wirespan.engine.protocol.kafka;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over one frame's bytes (a view valid for one call), with the Kafka primitive types
 * (protocol guide, "Protocol Primitive Types"): big-endian integers, unsigned varints, strings
 * and arrays in their classic (int16/int32 length) and compact (varint length + 1) forms, and
 * tagged fields. Reading past the end throws the preallocated stackless {@link #UNDERFLOW}:
 * a frame cut by the decode window or damaged ends the decode where it is, never the parser.
 */
final class KafkaReader {
    static final class Underflow extends RuntimeException {
        private Underflow() {
            super("kafka frame ended early", null, false, false);
        }
    }

    static final Underflow UNDERFLOW = new Underflow();

    private byte[] b;
    private int pos;
    private int end;

    KafkaReader reset(byte[] bytes, int from, int to) {
        b = bytes;
        pos = from;
        end = to;
        return this;
    }

    int position() {
        return pos;
    }

    private void need(int n) {
        if (n < 0 || n > end - pos) throw UNDERFLOW;
    }

    int i8() {
        need(1);
        return b[pos++];
    }

    int i16() {
        need(2);
        int v = (short) (((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF));
        pos += 2;
        return v;
    }

    int i32() {
        need(4);
        int v = i32(b, pos);
        pos += 4;
        return v;
    }

    long i64() {
        long hi = i32() & 0xFFFFFFFFL;
        return (hi << 32) | (i32() & 0xFFFFFFFFL);
    }

    static int i32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    static int i16(byte[] b, int at) {
        return (short) (((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF));
    }

    /** An unsigned varint of at most 5 bytes (32 bits). */
    int uvarint() {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int x = i8();
            value |= (x & 0x7F) << shift;
            if ((x & 0x80) == 0) return value;
        }
        throw UNDERFLOW;
    }

    /** A zigzag-encoded signed varint (record fields, KIP-98 record format v2). */
    int varint() {
        int u = uvarint();
        return (u >>> 1) ^ -(u & 1);
    }

    /** Skips a varlong of at most 10 bytes. */
    void skipVarlong() {
        for (int i = 0; i < 10; i++) {
            if ((i8() & 0x80) == 0) return;
        }
        throw UNDERFLOW;
    }

    /** {@code length} bytes as UTF-8 text; null for a negative length. */
    String utf8(int length) {
        if (length < 0) return null;
        need(length);
        String s = new String(b, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    void skip(int n) {
        need(n);
        pos += n;
    }

    /** A string or nullable string, classic or compact; null when null. */
    String string(boolean compact) {
        return utf8(compact ? uvarint() - 1 : i16());
    }

    void skipString(boolean compact) {
        int length = compact ? uvarint() - 1 : i16();
        if (length > 0) skip(length);
    }

    /** An array's element count, classic or compact; -1 for a null array. */
    int arrayLength(boolean compact) {
        int n = compact ? uvarint() - 1 : i32();
        return n < 0 ? -1 : n;
    }

    /** Bytes or nullable bytes, classic (int32 length) or compact. */
    void skipBytes(boolean compact) {
        int length = compact ? uvarint() - 1 : i32();
        if (length > 0) skip(length);
    }

    /** A tagged-field section: a count, then tag, size and data of each. */
    void skipTaggedFields() {
        int count = uvarint();
        for (int i = 0; i < count; i++) {
            uvarint();
            skip(uvarint());
        }
    }
}
