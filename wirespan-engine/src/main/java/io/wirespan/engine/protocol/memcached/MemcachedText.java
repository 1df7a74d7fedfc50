package io.wirespan.engine.protocol.memcached;

import java.nio.charset.StandardCharsets;

/** Tokens, text and numbers straight from memcached line bytes. */
final class MemcachedText {
    static final long NOT_A_NUMBER = Long.MIN_VALUE;

    private MemcachedText() {}

    static String string(byte[] data, int offset, int length) {
        return new String(data, offset, length, StandardCharsets.UTF_8);
    }

    /** The unsigned decimal in {@code data[from..to)}, or {@link #NOT_A_NUMBER}. */
    static long parseLong(byte[] data, int from, int to) {
        if (from >= to || to - from > 18) return NOT_A_NUMBER;
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = data[i] - '0';
            if (digit < 0 || digit > 9) return NOT_A_NUMBER;
            value = value * 10 + digit;
        }
        return value;
    }

    /** The end of the token starting at {@code from} (the next space or {@code to}). */
    static int tokenEnd(byte[] data, int from, int to) {
        int i = from;
        while (i < to && data[i] != ' ') i++;
        return i;
    }

    /** The start of token {@code index} (0 = the first) of {@code data[from..to)}, or -1. */
    static int tokenStart(byte[] data, int from, int to, int index) {
        int i = from;
        for (int t = 0; ; t++) {
            while (i < to && data[i] == ' ') i++;
            if (i >= to) return -1;
            if (t == index) return i;
            i = tokenEnd(data, i, to);
        }
    }

    /** Whether {@code data[from..to)} spells {@code word} exactly. */
    static boolean is(byte[] data, int from, int to, String word) {
        if (to - from != word.length()) return false;
        for (int i = 0; i < word.length(); i++) {
            if (data[from + i] != word.charAt(i)) return false;
        }
        return true;
    }
}
