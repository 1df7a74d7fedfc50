package io.wirespan.engine.protocol.redis;

import java.nio.charset.StandardCharsets;

/** Text and numbers straight from RESP bytes: no regex, no intermediate strings. */
final class RedisText {
    /** Returned by {@link #parseLong} for anything but an optionally signed decimal that fits a long. */
    static final long NOT_A_NUMBER = Long.MIN_VALUE;

    private RedisText() {}

    /** UTF-8, malformed sequences replaced, as DeepFlow's lossy conversion does. */
    static String string(byte[] data, int offset, int length) {
        return new String(data, offset, length, StandardCharsets.UTF_8);
    }

    /** The decimal in {@code data[from..to)}, or {@link #NOT_A_NUMBER}. */
    static long parseLong(byte[] data, int from, int to) {
        if (from >= to) return NOT_A_NUMBER;
        boolean negative = data[from] == '-';
        int i = negative || data[from] == '+' ? from + 1 : from;
        if (i >= to || to - i > 18) return NOT_A_NUMBER;
        long value = 0;
        for (; i < to; i++) {
            int digit = data[i] - '0';
            if (digit < 0 || digit > 9) return NOT_A_NUMBER;
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }
}
