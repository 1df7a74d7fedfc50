package io.wirespan.engine.protocol.mysql;

import java.nio.charset.StandardCharsets;

/** Little-endian integers and strings of the MySQL wire format (Protocol Basics). */
final class MysqlWire {
    private MysqlWire() {}

    static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    static int u24(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16;
    }

    static long u32(byte[] b, int i) {
        return (u16(b, i) | (long) u16(b, i + 2) << 16) & 0xFFFFFFFFL;
    }

    static long u64(byte[] b, int i) {
        return u32(b, i) | u32(b, i + 4) << 32;
    }

    /** Bytes of a length-encoded integer starting at {@code i} (1, 3, 4 or 9), or -1 for 0xff. */
    static int lenencSize(byte[] b, int i) {
        int first = b[i] & 0xFF;
        return first < 0xfb ? 1 : first == 0xfc ? 3 : first == 0xfd ? 4 : first == 0xfe ? 9 : first == 0xfb ? 1 : -1;
    }

    /** A length-encoded integer; the caller checked {@link #lenencSize} bytes are there. 0xfb (NULL) reads 0. */
    static long lenenc(byte[] b, int i) {
        int first = b[i] & 0xFF;
        if (first < 0xfb) return first;
        return switch (first) {
            case 0xfc -> u16(b, i + 1);
            case 0xfd -> u24(b, i + 1);
            case 0xfe -> u64(b, i + 1);
            default -> 0;
        };
    }

    /** Index of the first 0 byte in {@code [from, end)}, or -1. */
    static int nul(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) if (b[i] == 0) return i;
        return -1;
    }

    static String text(byte[] b, int from, int end) {
        return end <= from ? "" : new String(b, from, end - from, StandardCharsets.UTF_8);
    }
}
