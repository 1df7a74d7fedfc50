package io.wirespan.wasm.abi;

import java.nio.charset.StandardCharsets;

/**
 * Protocol-buffers wire format over a byte range: fields as (number, wire type) tags followed by
 * varints, fixed-width values or length-delimited bytes. Enough for the plugin ABI's messages,
 * which are small and few; anything malformed is a {@link MalformedResultException}.
 */
final class ProtoReader {
    static final int VARINT = 0, FIXED64 = 1, LENGTH_DELIMITED = 2, FIXED32 = 5;

    private final byte[] data;
    private int pos;
    private final int end;
    private int tag;

    ProtoReader(byte[] data, int offset, int length) {
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
    }

    /** Moves to the next field; false at the end of the message. */
    boolean next() {
        if (pos >= end) return false;
        long t = varint();
        if (t >>> 3 == 0 || t >>> 3 > 0x1FFFFFFF) throw new MalformedResultException("bad protobuf field number");
        tag = (int) t;
        return true;
    }

    int field() {
        return tag >>> 3;
    }

    int wireType() {
        return tag & 7;
    }

    long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) throw new MalformedResultException("protobuf varint runs past the end");
            byte b = data[pos++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) return value;
        }
        throw new MalformedResultException("protobuf varint longer than 10 bytes");
    }

    /** The current length-delimited field's bytes, as a reader of their own (an embedded message). */
    ProtoReader message() {
        int length = length();
        ProtoReader inner = new ProtoReader(data, pos, length);
        pos += length;
        return inner;
    }

    String string() {
        int length = length();
        String s = new String(data, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    byte[] bytes() {
        int length = length();
        byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + length);
        pos += length;
        return b;
    }

    /** Passes over the current field's value, whatever its type: unknown fields are allowed. */
    void skip() {
        switch (wireType()) {
            case VARINT -> varint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> advance(length());
            case FIXED32 -> advance(4);
            default -> throw new MalformedResultException("unsupported protobuf wire type " + wireType());
        }
    }

    /** Throws unless the current field has the wire type its number needs. */
    void expect(int wireType) {
        if (wireType() != wireType) {
            throw new MalformedResultException("protobuf field " + field() + " has wire type " + wireType()
                    + ", not " + wireType);
        }
    }

    private int length() {
        expect(LENGTH_DELIMITED);
        long length = varint();
        if (length < 0 || length > end - pos) throw new MalformedResultException("protobuf length runs past the end");
        return (int) length;
    }

    private void advance(int n) {
        if (n > end - pos) throw new MalformedResultException("protobuf value runs past the end");
        pos += n;
    }
}
