package io.wirespan.engine.protocol.http;

import java.nio.charset.StandardCharsets;

/**
 * Byte-level HTTP/1 syntax (RFC 9112), shared by {@link HttpProtocol#check} and the framer: start
 * lines, numbers and tokens read straight from the bytes, without regular expressions or copies.
 */
final class HttpSyntax {
    static final byte CR = '\r', LF = '\n', SP = ' ', HT = '\t';

    /** {@link #startLinePrefix} answers. */
    static final int MATCH = 0, NEED_MORE = 1, NO = 2;

    /** {@code HTTP/1.} then the minor version and a space: the start of every status line. */
    private static final byte[] STATUS_PREFIX = {'H', 'T', 'T', 'P', '/', '1', '.'};
    static final int STATUS_PREFIX_LENGTH = STATUS_PREFIX.length + 2;

    private static final Integer[] STATUS_CODES = new Integer[1000];

    static {
        for (int i = 100; i < STATUS_CODES.length; i++) STATUS_CODES[i] = i;
    }

    private HttpSyntax() {}

    /** Shared boxed status codes, so a response does not allocate one. */
    static Integer statusCode(int code) {
        return STATUS_CODES[code];
    }

    /** Index of the first LF in {@code b[from..to)}, or -1. */
    static int indexOfLf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == LF) return i;
        }
        return -1;
    }

    /** The end of a line whose LF is at {@code lf}: before a CR that precedes it (RFC 9112 §2.2 accepts a bare LF). */
    static int lineEnd(byte[] b, int lineStart, int lf) {
        return lf > lineStart && b[lf - 1] == CR ? lf - 1 : lf;
    }

    /**
     * Whether the bytes at {@code from} can start a start line: a known method and a space for a
     * request, {@code HTTP/1.0 } or {@code HTTP/1.1 } for a response.
     */
    static int startLinePrefix(byte[] b, int from, int to, boolean request) {
        if (request) {
            int m = HttpMethod.prefix(b, from, to);
            return m >= 0 ? MATCH : m == HttpMethod.NEED_MORE ? NEED_MORE : NO;
        }
        int n = Math.min(STATUS_PREFIX_LENGTH, to - from);
        for (int i = 0; i < n; i++) {
            byte c = b[from + i];
            boolean ok = i < STATUS_PREFIX.length ? c == STATUS_PREFIX[i]
                    : i == STATUS_PREFIX.length ? c == '0' || c == '1' : c == SP;
            if (!ok) return NO;
        }
        return n < STATUS_PREFIX_LENGTH ? NEED_MORE : MATCH;
    }

    /** The minor version of {@code HTTP/1.0} or {@code HTTP/1.1} at {@code b[from..to)} (exactly), else -1. */
    static int httpVersion(byte[] b, int from, int to) {
        if (to - from != STATUS_PREFIX.length + 1) return -1;
        for (int i = 0; i < STATUS_PREFIX.length; i++) {
            if (b[from + i] != STATUS_PREFIX[i]) return -1;
        }
        byte minor = b[to - 1];
        return minor == '0' || minor == '1' ? minor - '0' : -1;
    }

    static boolean isWhitespace(byte c) {
        return c == SP || c == HT;
    }

    /** A byte a request target may hold: visible ASCII, or any byte above it (lenient to raw UTF-8). */
    static boolean isTargetByte(byte c) {
        return (c & 0xFF) > 0x20 && c != 0x7F;
    }

    static int skipWhitespace(byte[] b, int from, int to) {
        while (from < to && isWhitespace(b[from])) from++;
        return from;
    }

    static int trimEnd(byte[] b, int from, int to) {
        while (to > from && isWhitespace(b[to - 1])) to--;
        return to;
    }

    /** Whether {@code b[from..to)} is {@code lowerCaseName}, ignoring ASCII case. */
    static boolean equalsIgnoreCase(byte[] b, int from, int to, String lowerCaseName) {
        if (to - from != lowerCaseName.length()) return false;
        for (int i = 0; i < lowerCaseName.length(); i++) {
            if (toLower(b[from + i]) != lowerCaseName.charAt(i)) return false;
        }
        return true;
    }

    /** Whether the comma-separated list {@code b[from..to)} ends with the token {@code lowerCaseToken}. */
    static boolean lastTokenIs(byte[] b, int from, int to, String lowerCaseToken) {
        int end = trimEnd(b, from, to);
        int start = end;
        while (start > from && b[start - 1] != ',') start--;
        start = skipWhitespace(b, start, end);
        return equalsIgnoreCase(b, start, end, lowerCaseToken);
    }

    private static int toLower(byte c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /**
     * A Content-Length value (RFC 9110 §8.6): decimal digits, or a list of the same value repeated
     * (as some proxies send it); -1 when malformed, conflicting or above 2^62.
     */
    static long contentLength(byte[] b, int from, int to) {
        long value = -1;
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || b[i] == ',') {
                int s = skipWhitespace(b, start, i);
                long v = decimal(b, s, trimEnd(b, s, i));
                if (v < 0 || (value >= 0 && v != value)) return -1;
                value = v;
                start = i + 1;
            }
        }
        return value;
    }

    /** Non-negative decimal digits (at most 18), else -1. */
    static long decimal(byte[] b, int from, int to) {
        if (from >= to || to - from > 18) return -1;
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }

    /** Three decimal digits, else -1. */
    static int statusCode(byte[] b, int from, int to) {
        if (to - from < 3) return -1;
        int v = 0;
        for (int i = from; i < from + 3; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }

    /** The value of a hexadecimal digit, or -1. */
    static int hexDigit(byte c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /** Text of a call-log field: UTF-8, the bytes as they are. */
    static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** Text of a header name (tokens are ASCII, RFC 9110 §5.1). */
    static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
