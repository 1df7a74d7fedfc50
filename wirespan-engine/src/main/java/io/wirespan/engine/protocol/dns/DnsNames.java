package io.wirespan.engine.protocol.dns;

/**
 * Domain names on the wire (RFC 1035 §3.1, §4.1.4): labels of 1–63 bytes ending with a zero byte,
 * or with a 2-byte pointer ({@code 11} prefix) to a name earlier in the message.
 *
 * <p>A pointer must land after the header and before everything this name has read so far; each
 * jump therefore goes strictly backwards and a loop is impossible, which is also what any encoder
 * that points only at prior occurrences produces. A name is bounded to {@link #MAX_WIRE_LENGTH}
 * bytes and {@link #MAX_LABELS} labels (RFC 1035 §2.3.4), counted across pointers.
 *
 * <p>{@link #walk} returns the position after the name in the message, or a negative
 * {@code ERR_*} code; it appends the presentation text only when given a builder, so
 * {@code check} and record skipping allocate nothing.
 */
final class DnsNames {
    static final int MAX_WIRE_LENGTH = 255;
    static final int MAX_LABELS = 127;

    static final int ERR_TRUNCATED = -1;
    static final int ERR_BAD_LABEL = -2;
    static final int ERR_BAD_POINTER = -3;
    static final int ERR_TOO_LONG = -4;

    private DnsNames() {}

    /**
     * Walks the name at {@code at} of the message {@code [start, end)}; appends its text (labels
     * joined by '.', no trailing dot, the root as nothing) to {@code text} when not null.
     *
     * @return the position just after the name where it starts (after its first pointer, if any),
     *     or an {@code ERR_*} code; on error {@code text} may hold part of the name
     */
    static int walk(byte[] b, int start, int end, int at, StringBuilder text) {
        int pos = at;
        int lowest = at;
        int after = -1;
        int wireLength = 1; // the final zero byte
        int labels = 0;
        while (true) {
            if (pos >= end) return ERR_TRUNCATED;
            int len = b[pos] & 0xFF;
            switch (len & 0xC0) {
                case 0x00 -> {
                    if (len == 0) return after >= 0 ? after : pos + 1;
                    wireLength += len + 1;
                    if (wireLength > MAX_WIRE_LENGTH || ++labels > MAX_LABELS) return ERR_TOO_LONG;
                    if (pos + 1 + len > end) return ERR_TRUNCATED;
                    if (text != null) {
                        if (labels > 1) text.append('.');
                        appendLabel(b, pos + 1, len, text);
                    }
                    pos += 1 + len;
                }
                case 0xC0 -> {
                    if (pos + 2 > end) return ERR_TRUNCATED;
                    int target = start + (((len & 0x3F) << 8) | (b[pos + 1] & 0xFF));
                    // Strictly before anything read so far and after the header: no loop, no header bytes as labels.
                    if (target < start + DnsWire.HEADER_LENGTH || target >= lowest) return ERR_BAD_POINTER;
                    if (after < 0) after = pos + 2;
                    lowest = target;
                    pos = target;
                }
                default -> {
                    return ERR_BAD_LABEL; // 0x40 (RFC 6891 §5 extended labels) and 0x80 are not names
                }
            }
        }
    }

    /** Whether the name at {@code at} is the root (a single zero byte); the byte must exist. */
    static boolean isRoot(byte[] b, int at) {
        return b[at] == 0;
    }

    /**
     * Presentation form of one label (RFC 4343 §2.1): printable ASCII as is, '.' and '\' escaped,
     * well-formed UTF-8 (mDNS instance names) decoded, every other byte as {@code \DDD}.
     */
    static void appendLabel(byte[] b, int from, int length, StringBuilder text) {
        int end = from + length;
        int i = from;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                if (c == '.' || c == '\\') text.append('\\');
                text.append((char) c);
                i++;
                continue;
            }
            int used = c >= 0x80 ? appendUtf8(b, i, end, text) : 0;
            if (used > 0) {
                i += used;
            } else {
                text.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10))
                        .append((char) ('0' + c % 10));
                i++;
            }
        }
    }

    /** Appends one well-formed UTF-8 sequence at {@code i}; returns its length, or 0 when it is not one. */
    private static int appendUtf8(byte[] b, int i, int end, StringBuilder text) {
        int c = b[i] & 0xFF;
        int n;
        int cp;
        int min;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2; cp = c & 0x1F; min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3; cp = c & 0x0F; min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4; cp = c & 0x07; min = 0x10000;
        } else {
            return 0;
        }
        if (i + n > end) return 0;
        for (int k = 1; k < n; k++) {
            int cc = b[i + k] & 0xFF;
            if ((cc & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || Character.isISOControl(cp)) return 0;
        text.appendCodePoint(cp);
        return n;
    }
}
