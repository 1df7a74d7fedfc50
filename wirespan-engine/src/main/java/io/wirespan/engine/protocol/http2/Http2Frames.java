package io.wirespan.engine.protocol.http2;

import java.nio.charset.StandardCharsets;

/** Frame layout constants of RFC 9113 §4.1 and §6, and the checks that tell a frame header from noise. */
final class Http2Frames {
    static final int HEADER_LENGTH = 9;

    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int PRIORITY = 0x2;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PUSH_PROMISE = 0x5;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8;
    static final int CONTINUATION = 0x9;

    static final int FLAG_END_STREAM = 0x01;
    static final int FLAG_ACK = 0x01;
    static final int FLAG_END_HEADERS = 0x04;
    static final int FLAG_PADDED = 0x08;
    static final int FLAG_PRIORITY = 0x20;

    static final int SETTINGS_HEADER_TABLE_SIZE = 0x1;
    static final int SETTINGS_MAX_FRAME_SIZE = 0x5;

    /** SETTINGS_MAX_FRAME_SIZE's initial value and lower bound (§6.5.2). */
    static final int DEFAULT_MAX_FRAME_SIZE = 16_384;
    /** The largest frame length the 24-bit field and SETTINGS_MAX_FRAME_SIZE allow. */
    static final int MAX_FRAME_SIZE_LIMIT = (1 << 24) - 1;

    /** The client connection preface (§3.4). */
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Flags each known type defines (§6); a strict check rejects any other bit. */
    private static final int[] DEFINED_FLAGS = {
        FLAG_END_STREAM | FLAG_PADDED,                                      // DATA
        FLAG_END_STREAM | FLAG_END_HEADERS | FLAG_PADDED | FLAG_PRIORITY,   // HEADERS
        0, 0, FLAG_ACK,                                                     // PRIORITY, RST_STREAM, SETTINGS
        FLAG_END_HEADERS | FLAG_PADDED, FLAG_ACK, 0, 0,                     // PUSH_PROMISE, PING, GOAWAY, WINDOW_UPDATE
        FLAG_END_HEADERS,                                                   // CONTINUATION
    };

    private static final String[] ERROR_NAMES = {
        "NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT",
        "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR",
        "CONNECT_ERROR", "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED",
    };

    private Http2Frames() {}

    static int length(byte[] b, int at) {
        return ((b[at] & 0xFF) << 16) | ((b[at + 1] & 0xFF) << 8) | (b[at + 2] & 0xFF);
    }

    static int type(byte[] b, int at) {
        return b[at + 3] & 0xFF;
    }

    static int flags(byte[] b, int at) {
        return b[at + 4] & 0xFF;
    }

    /** The stream id, reserved bit dropped. */
    static int streamId(byte[] b, int at) {
        return int31(b, at + 5);
    }

    static boolean reservedBit(byte[] b, int at) {
        return (b[at + 5] & 0x80) != 0;
    }

    static int int31(byte[] b, int at) {
        return int32(b, at) & 0x7FFF_FFFF;
    }

    static int int32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    /**
     * Whether a known frame type's header fits the rules of §6 that do not depend on state: which
     * types need stream 0 and which must not have it, fixed payload lengths, room for the padding
     * and priority fields its flags announce. Unknown types always fit.
     */
    static boolean wellFormed(int type, int flags, int streamId, int length) {
        return switch (type) {
            case DATA -> streamId != 0 && ((flags & FLAG_PADDED) == 0 || length >= 1);
            case HEADERS -> streamId != 0
                    && length >= ((flags & FLAG_PADDED) != 0 ? 1 : 0) + ((flags & FLAG_PRIORITY) != 0 ? 5 : 0);
            case PRIORITY -> streamId != 0 && length == 5;
            case RST_STREAM -> streamId != 0 && length == 4;
            case SETTINGS -> streamId == 0 && length % 6 == 0 && ((flags & FLAG_ACK) == 0 || length == 0);
            case PUSH_PROMISE -> streamId != 0 && length >= ((flags & FLAG_PADDED) != 0 ? 5 : 4);
            case PING -> streamId == 0 && length == 8;
            case GOAWAY -> streamId == 0 && length >= 8;
            case WINDOW_UPDATE -> length == 4;
            case CONTINUATION -> streamId != 0;
            default -> true;
        };
    }

    /**
     * A strict reading of the 9 bytes at {@code at} as a frame header, for recognising HTTP/2 and
     * for finding the next frame after garbage: a known type, only its defined flags, the reserved
     * bit clear, a length within {@code maxLength} and {@link #wellFormed}.
     */
    static boolean plausible(byte[] b, int at, int maxLength) {
        int type = type(b, at);
        if (type > CONTINUATION) return false;
        int flags = flags(b, at);
        int length = length(b, at);
        return (flags & ~DEFINED_FLAGS[type]) == 0 && !reservedBit(b, at) && length <= maxLength
                && wellFormed(type, flags, streamId(b, at), length);
    }

    /** Whether the bytes at {@code at} start with the client preface (all of it, or all that is there). */
    static boolean startsWithPreface(byte[] b, int at, int available) {
        int n = Math.min(available, PREFACE.length);
        return java.util.Arrays.equals(b, at, at + n, PREFACE, 0, n);
    }

    /** An error code's name (§7), or its number. */
    static String errorName(int code) {
        return code >= 0 && code < ERROR_NAMES.length ? ERROR_NAMES[code] : "0x" + Integer.toHexString(code);
    }
}
