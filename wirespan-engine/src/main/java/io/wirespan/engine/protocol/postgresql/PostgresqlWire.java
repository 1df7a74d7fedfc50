package io.wirespan.engine.protocol.postgresql;

import java.nio.charset.StandardCharsets;

/**
 * Wire constants and bounds-checked readers of the PostgreSQL frontend/backend protocol version
 * 3.0: every message but the startup family is {@code tag(1) + length(int32 BE, counting itself) +
 * body}; the startup family has no tag. Also the strict validation of one message body, shared by
 * {@code check} and by the framer's resynchronisation.
 */
final class PostgresqlWire {
    /** Protocol 3.0 in a StartupMessage. */
    static final int PROTOCOL_3_0 = 196608;
    static final int SSL_REQUEST = 80877103;
    static final int CANCEL_REQUEST = 80877102;
    static final int GSSENC_REQUEST = 80877104;

    /** The largest length a header may claim when the framer is in sync (PostgreSQL's own limit is 1 GiB). */
    static final int MAX_LENGTH = 1 << 30;
    /** The largest length accepted while identifying a flow or resynchronising. */
    static final int MAX_STRICT_LENGTH = 1 << 24;
    /** The largest startup-family message (the server refuses longer ones: 10000 bytes). */
    static final int MAX_STARTUP_LENGTH = 10_000;

    private static final boolean[] FRONTEND = tags("QPBEDSXCHFpdcf");
    private static final boolean[] BACKEND = tags("RSKZTDCENIG123ntsHWAcdV");

    private PostgresqlWire() {}

    private static boolean[] tags(String s) {
        boolean[] t = new boolean[256];
        for (int i = 0; i < s.length(); i++) t[s.charAt(i)] = true;
        return t;
    }

    static boolean frontendTag(int tag) {
        return FRONTEND[tag & 0xFF];
    }

    static boolean backendTag(int tag) {
        return BACKEND[tag & 0xFF];
    }

    static int i32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    /** The index of the first NUL in {@code from..end}, or -1. */
    static int nul(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == 0) return i;
        }
        return -1;
    }

    static String utf8(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** The NUL-terminated string at {@code from}, or up to {@code end} when it has no NUL there. */
    static String cstring(byte[] b, int from, int end) {
        int z = nul(b, from, end);
        return utf8(b, from, z < 0 ? end : z);
    }

    /** Whether a startup-family message of this length and code is plausible. */
    static boolean startupFamily(int length, int code) {
        return switch (code) {
            case SSL_REQUEST, GSSENC_REQUEST -> length == 8;
            case CANCEL_REQUEST -> length == 16;
            case PROTOCOL_3_0 -> length > 8 && length <= MAX_STARTUP_LENGTH;
            default -> false;
        };
    }

    /**
     * Whether a header is plausible for this side: a known tag, a length at least 4 and bounded,
     * and exactly the length of the messages that have only one.
     */
    static boolean saneHeader(boolean frontend, int tag, int length, int max) {
        if (length < 4 || length > max) return false;
        if (frontend) {
            if (!frontendTag(tag)) return false;
            return switch (tag) {
                case 'S', 'H', 'c' -> length == 4;
                case 'X' -> length == 4;
                case 'Q', 'P', 'B', 'E', 'D', 'C', 'p', 'f', 'F' -> length > 4;
                default -> true;
            };
        }
        if (!backendTag(tag)) return false;
        return switch (tag) {
            case '1', '2', '3', 'n', 's', 'I', 'c' -> length == 4;
            case 'Z' -> length == 5;
            case 'K' -> length >= 12 && length <= 12 + 256;
            case 'R', 'C', 'E', 'N', 'S', 'T', 'D', 't', 'G', 'H', 'W', 'A', 'V' -> length > 4;
            default -> true;
        };
    }

    /** Whether {@code count} NUL-terminated strings exactly fill {@code from..end}. */
    private static boolean cstrings(byte[] b, int from, int end, int count) {
        int at = from;
        for (int i = 0; i < count; i++) {
            int z = nul(b, at, end);
            if (z < 0) return false;
            at = z + 1;
        }
        return at == end;
    }

    /** Whether text looks like SQL: no control characters but whitespace, starting with a letter, '(' or a comment. */
    private static boolean sqlText(byte[] b, int from, int end) {
        int at = from;
        while (at < end && (b[at] == ' ' || b[at] == '\t' || b[at] == '\n' || b[at] == '\r')) at++;
        if (at >= end) return false;
        int c = b[at] & 0xFF;
        boolean start = Character.isLetter(c) || c == '(' || c == '/' || c == '-' || c == '{';
        if (!start) return false;
        for (int i = at; i < end; i++) {
            int x = b[i] & 0xFF;
            if (x < 0x20 && x != '\t' && x != '\n' && x != '\r') return false;
        }
        return true;
    }

    /**
     * Strict validation of a whole message body {@code from..end} with this tag, as sent by this side.
     * Tags whose body this does not know are accepted.
     */
    static boolean body(boolean frontend, int tag, byte[] b, int from, int end) {
        int n = end - from;
        if (frontend) {
            switch (tag) {
                case 'Q': {
                    return n >= 2 && b[end - 1] == 0 && nul(b, from, end) == end - 1 && sqlText(b, from, end - 1);
                }
                case 'P': {
                    int z1 = nul(b, from, end);
                    if (z1 < 0) return false;
                    int z2 = nul(b, z1 + 1, end);
                    if (z2 < 0 || z2 + 3 > end || !sqlText(b, z1 + 1, z2)) return false;
                    int params = u16(b, z2 + 1);
                    return z2 + 3 + 4L * params == end;
                }
                case 'B': {
                    int z1 = nul(b, from, end);
                    int z2 = z1 < 0 ? -1 : nul(b, z1 + 1, end);
                    if (z2 < 0 || z2 + 3 > end) return false;
                    int formats = u16(b, z2 + 1);
                    return z2 + 3 + 2L * formats + 2 <= end;
                }
                case 'E': {
                    int z = nul(b, from, end);
                    return z >= 0 && z + 5 == end;
                }
                case 'D', 'C': {
                    return n >= 2 && (b[from] == 'S' || b[from] == 'P') && nul(b, from + 1, end) == end - 1;
                }
                default:
                    return true;
            }
        }
        switch (tag) {
            case 'Z':
                return n == 1 && (b[from] == 'I' || b[from] == 'T' || b[from] == 'E');
            case 'C':
                return n >= 2 && nul(b, from, end) == end - 1 && Character.isUpperCase(b[from] & 0xFF);
            case 'S':
                return cstrings(b, from, end, 2);
            case 'R': {
                if (n < 4) return false;
                int code = i32(b, from);
                return code >= 0 && code <= 12 && (code != 0 || n == 4) && (code != 5 || n == 8);
            }
            case 'E', 'N': {
                int at = from;
                while (at < end && b[at] != 0) {
                    int z = nul(b, at + 1, end);
                    if (z < 0 || !Character.isLetter(b[at] & 0xFF)) return false;
                    at = z + 1;
                }
                return at == end - 1;
            }
            case 'T': {
                if (n < 2) return false;
                int fields = u16(b, from);
                int at = from + 2;
                for (int i = 0; i < fields; i++) {
                    int z = nul(b, at, end);
                    if (z < 0 || z + 19 > end) return false;
                    at = z + 19;
                }
                return at == end;
            }
            case 'D': {
                if (n < 2) return false;
                int columns = u16(b, from);
                int at = from + 2;
                for (int i = 0; i < columns; i++) {
                    if (at + 4 > end) return false;
                    int len = i32(b, at);
                    at += 4;
                    if (len < -1 || (len > 0 && len > end - at)) return false;
                    if (len > 0) at += len;
                }
                return at == end;
            }
            case 't': {
                return n >= 2 && 2 + 4L * u16(b, from) == n;
            }
            default:
                return true;
        }
    }

    /**
     * Strict walk of a payload's messages as sent by this side: every complete message must have a
     * sane header and a valid body; a last, incomplete one only a sane header. True when at least
     * one complete message was seen (or a startup-family message).
     */
    static boolean plausibleStream(boolean frontend, byte[] b, int from, int end) {
        int at = from;
        int complete = 0;
        if (frontend && end - at >= 8 && b[at] == 0) {
            int length = i32(b, at);
            if (!startupFamily(length, i32(b, at + 4))) return false;
            if (length > end - at) return true;
            at += length;
            complete++;
            if (at < end && i32(b, from + 4) != PROTOCOL_3_0) return false; // nothing follows these before an answer
        }
        for (int messages = 0; at < end && messages < 64; messages++) {
            if (end - at < 5) return complete > 0 && (frontend ? frontendTag(b[at]) : backendTag(b[at]));
            int tag = b[at] & 0xFF;
            int length = i32(b, at + 1);
            if (!saneHeader(frontend, tag, length, MAX_STRICT_LENGTH)) return false;
            if (length > end - at - 1) return complete > 0;
            if (!body(frontend, tag, b, at + 5, at + 1 + length)) return false;
            at += 1 + length;
            complete++;
        }
        return complete > 0;
    }
}
