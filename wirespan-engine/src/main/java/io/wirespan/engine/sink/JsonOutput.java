package io.wirespan.engine.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON text as UTF-8 bytes in a growable buffer: strings are escaped and encoded in one pass,
 * numbers written digit by digit, so a call log becomes bytes without a String or char[] between.
 * The subset the writers need, without a library.
 */
public final class JsonOutput {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DIGIT_PAIRS = digitPairs();
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int length;

    public JsonOutput(int capacity) {
        bytes = new byte[Math.max(capacity, 16)];
    }

    public int length() {
        return length;
    }

    public void reset() {
        length = 0;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    /** A copy of the bytes so far. */
    byte[] bytes() {
        return Arrays.copyOf(bytes, length);
    }

    /** The text so far. */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** One ASCII character, e.g. a brace or a newline. */
    public JsonOutput ascii(char c) {
        room(1);
        bytes[length++] = (byte) c;
        return this;
    }

    public JsonOutput number(long value) {
        if (value == Long.MIN_VALUE) return raw(MIN_LONG);
        room(20);
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        int at = length + digits(value);
        length = at;
        // Eight digits per long division, the rest in int arithmetic, which is cheaper: a
        // microsecond timestamp takes one long division instead of eight.
        while (value >= 100_000_000) {
            at = eightDigits((int) (value % 100_000_000), at);
            value /= 100_000_000;
        }
        int rest = (int) value;
        while (rest >= 100) {
            int pair = rest % 100 * 2;
            rest /= 100;
            bytes[--at] = DIGIT_PAIRS[pair + 1];
            bytes[--at] = DIGIT_PAIRS[pair];
        }
        if (rest >= 10) {
            bytes[--at] = DIGIT_PAIRS[rest * 2 + 1];
            bytes[--at] = DIGIT_PAIRS[rest * 2];
        } else {
            bytes[--at] = (byte) ('0' + rest);
        }
        return this;
    }

    /** The eight digits of {@code value} (below 10⁸, with leading zeros) ending at {@code end}; returns their start. */
    private int eightDigits(int value, int end) {
        int at = end;
        for (int i = 0; i < 4; i++) {
            int pair = value % 100 * 2;
            value /= 100;
            bytes[--at] = DIGIT_PAIRS[pair + 1];
            bytes[--at] = DIGIT_PAIRS[pair];
        }
        return at;
    }

    /** Digits of a value ≥ 0, found by multiplying: a µs timestamp would take 16 divisions. */
    private static int digits(long value) {
        long power = 10;
        for (int digits = 1; digits < 19; digits++) {
            if (value < power) return digits;
            power *= 10;
        }
        return 19;
    }

    public JsonOutput bool(boolean value) {
        return raw(value ? TRUE : FALSE);
    }

    /** A quoted string: quotes, backslashes and control characters escaped; lone surrogates as \\u escapes. */
    public JsonOutput string(String value) {
        int n = value.length();
        room(n + 2);
        bytes[length++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                // the common case; the room for it was made above, room() only when an escape grows the text
                bytes[length++] = (byte) c;
            } else {
                special(value, i, c, n - i);
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) i++;
            }
        }
        room(1);
        bytes[length++] = '"';
        return this;
    }

    private void special(String value, int i, char c, int charsLeft) {
        room(12 + charsLeft); // the longest form of this character, and one byte for each one left
        switch (c) {
            case '"' -> escape('"');
            case '\\' -> escape('\\');
            case '\n' -> escape('n');
            case '\r' -> escape('r');
            case '\t' -> escape('t');
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    unicodeEscape(c);
                } else if (c < 0x800) {
                    bytes[length++] = (byte) (0xc0 | c >> 6);
                    bytes[length++] = (byte) (0x80 | c & 0x3f);
                } else if (!Character.isSurrogate(c)) {
                    bytes[length++] = (byte) (0xe0 | c >> 12);
                    bytes[length++] = (byte) (0x80 | c >> 6 & 0x3f);
                    bytes[length++] = (byte) (0x80 | c & 0x3f);
                } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, value.charAt(i + 1));
                    bytes[length++] = (byte) (0xf0 | cp >> 18);
                    bytes[length++] = (byte) (0x80 | cp >> 12 & 0x3f);
                    bytes[length++] = (byte) (0x80 | cp >> 6 & 0x3f);
                    bytes[length++] = (byte) (0x80 | cp & 0x3f);
                } else {
                    // a lone surrogate has no UTF-8 form: the escape keeps the line valid
                    unicodeEscape(c);
                }
            }
        }
    }

    private void escape(char c) {
        bytes[length++] = '\\';
        bytes[length++] = (byte) c;
    }

    private void unicodeEscape(char c) {
        bytes[length++] = '\\';
        bytes[length++] = 'u';
        bytes[length++] = HEX[c >> 12 & 0xF];
        bytes[length++] = HEX[c >> 8 & 0xF];
        bytes[length++] = HEX[c >> 4 & 0xF];
        bytes[length++] = HEX[c & 0xF];
    }

    /** Text known to be JSON already: a field name with its quotes and colon, a literal. */
    JsonOutput raw(byte[] text) {
        room(text.length);
        System.arraycopy(text, 0, bytes, length, text.length);
        length += text.length;
        return this;
    }

    private static byte[] digitPairs() {
        byte[] pairs = new byte[200];
        for (int i = 0; i < 100; i++) {
            pairs[2 * i] = (byte) ('0' + i / 10);
            pairs[2 * i + 1] = (byte) ('0' + i % 10);
        }
        return pairs;
    }

    private void room(int more) {
        if (length + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
    }
}
