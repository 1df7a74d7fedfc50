package io.wirespan.engine.protocol.http;

import java.nio.charset.StandardCharsets;

/**
 * The request methods recognised on the wire: RFC 9110 §9 plus PATCH (RFC 5789) and the WebDAV
 * methods (RFC 4918). Methods are case-sensitive (RFC 9110 §9.1), so only the upper-case spelling
 * matches. Each constant carries its interned name, the {@code request_type} of a call log.
 */
enum HttpMethod {
    GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH,
    PROPFIND, PROPPATCH, MKCOL, COPY, MOVE, LOCK, UNLOCK;

    /** {@link #prefix} answers: the bytes are too short to decide, or cannot start a request line. */
    static final int NEED_MORE = -1, NO = -2;

    private static final HttpMethod[] ALL = values();

    final String text = name();
    private final byte[] bytes = name().getBytes(StandardCharsets.US_ASCII);

    static HttpMethod of(int ordinal) {
        return ALL[ordinal];
    }

    /** The byte values a request line can start with. */
    static int[] initials() {
        int[] initials = new int[ALL.length];
        for (int i = 0; i < ALL.length; i++) initials[i] = ALL[i].bytes[0];
        return initials;
    }

    /**
     * Whether {@code b[from..to)} starts with a method followed by a space: the method's ordinal,
     * {@link #NEED_MORE} while every byte seen fits some method, else {@link #NO}.
     */
    static int prefix(byte[] b, int from, int to) {
        if (from >= to) return NEED_MORE;
        boolean more = false;
        for (HttpMethod m : ALL) {
            byte[] name = m.bytes;
            if (name[0] != b[from]) continue;
            int n = Math.min(name.length, to - from);
            int i = 1;
            while (i < n && name[i] == b[from + i]) i++;
            if (i < n) continue;
            if (n < name.length || from + n == to) {
                more = true; // every byte so far matches; the method or its space is still to come
            } else if (b[from + n] == ' ') {
                return m.ordinal();
            }
        }
        return more ? NEED_MORE : NO;
    }
}
