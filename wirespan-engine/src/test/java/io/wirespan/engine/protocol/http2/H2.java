package io.wirespan.engine.protocol.http2;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds HTTP/2 frames and HPACK blocks for tests (literals without indexing unless asked). */
final class H2 {
    static final int DATA = 0, HEADERS = 1, PRIORITY = 2, RST_STREAM = 3, SETTINGS = 4, PUSH_PROMISE = 5, PING = 6,
            GOAWAY = 7, WINDOW_UPDATE = 8, CONTINUATION = 9;
    static final int END_STREAM = 0x1, ACK = 0x1, END_HEADERS = 0x4, PADDED = 0x8, PRIORITY_FLAG = 0x20;

    private H2() {}

    static byte[] preface() {
        return Http2Frames.PREFACE.clone();
    }

    static byte[] frame(int type, int flags, int stream, byte[] payload) {
        byte[] f = new byte[9 + payload.length];
        f[0] = (byte) (payload.length >>> 16);
        f[1] = (byte) (payload.length >>> 8);
        f[2] = (byte) payload.length;
        f[3] = (byte) type;
        f[4] = (byte) flags;
        f[5] = (byte) (stream >>> 24);
        f[6] = (byte) (stream >>> 16);
        f[7] = (byte) (stream >>> 8);
        f[8] = (byte) stream;
        System.arraycopy(payload, 0, f, 9, payload.length);
        return f;
    }

    /** A HEADERS frame with END_HEADERS (plus {@code flags}) holding a block of name/value pairs. */
    static byte[] headers(int stream, int flags, String... nameValues) {
        return frame(HEADERS, flags | END_HEADERS, stream, block(nameValues));
    }

    static byte[] data(int stream, int flags, int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) payload[i] = (byte) ('a' + i % 26);
        return frame(DATA, flags, stream, payload);
    }

    static byte[] settings(int... idValues) {
        byte[] payload = new byte[idValues.length / 2 * 6];
        for (int i = 0; i + 1 < idValues.length; i += 2) {
            int at = i / 2 * 6;
            payload[at] = (byte) (idValues[i] >>> 8);
            payload[at + 1] = (byte) idValues[i];
            int v = idValues[i + 1];
            payload[at + 2] = (byte) (v >>> 24);
            payload[at + 3] = (byte) (v >>> 16);
            payload[at + 4] = (byte) (v >>> 8);
            payload[at + 5] = (byte) v;
        }
        return frame(SETTINGS, 0, 0, payload);
    }

    static byte[] rst(int stream, int code) {
        return frame(RST_STREAM, 0, stream, int32(code));
    }

    static byte[] goAway(int lastStream, int code) {
        return frame(GOAWAY, 0, 0, concat(int32(lastStream), int32(code)));
    }

    static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** HPACK literals without indexing, new names (RFC 7541 §6.2.2). */
    static byte[] block(String... nameValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            out.write(0x00);
            string(out, nameValues[i]);
            string(out, nameValues[i + 1]);
        }
        return out.toByteArray();
    }

    /** One literal with incremental indexing, new name (§6.2.1): it enters the dynamic table. */
    static byte[] indexedLiteral(String name, String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x40);
        string(out, name);
        string(out, value);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        integer(out, 0x00, 7, b.length);
        out.writeBytes(b);
    }

    private static void integer(ByteArrayOutputStream out, int firstBits, int prefix, int value) {
        int max = (1 << prefix) - 1;
        if (value < max) {
            out.write(firstBits | value);
            return;
        }
        out.write(firstBits | max);
        value -= max;
        while (value >= 128) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }
}
