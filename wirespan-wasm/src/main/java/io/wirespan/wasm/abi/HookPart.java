package io.wirespan.wasm.abi;

import io.wirespan.api.ResponseStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The hook-specific part of a call (ABI §3.2–3.4), which one of the {@code vm_read_*_info} imports hands over. */
public sealed interface HookPart {

    /** Serialised for a guest buffer of {@code room} bytes; null when it does not fit. */
    byte[] serialize(int room);

    /** {@code vm_read_http_req_info}: four u16-length-prefixed strings. */
    record HttpRequest(String path, String host, String userAgent, String referer) implements HookPart {
        @Override
        public byte[] serialize(int room) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String s : new String[] {path, host, userAgent, referer}) writeString(out, s);
            return out.size() <= room ? out.toByteArray() : null;
        }
    }

    /**
     * {@code vm_read_http_resp_info}: status code, status byte, then the endpoint only if the buffer
     * has room for it; a 3-byte buffer (older plugins) gets the first two fields alone.
     */
    record HttpResponse(int statusCode, ResponseStatus status, String endpoint) implements HookPart {
        @Override
        public byte[] serialize(int room) {
            if (room < 3) return null;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(statusCode >> 8 & 0xFF);
            out.write(statusCode & 0xFF);
            out.write(statusByte(status));
            byte[] endpointBytes = utf8(endpoint);
            if (room >= 5 + endpointBytes.length) writeString(out, endpoint);
            return out.toByteArray();
        }
    }

    /**
     * {@code vm_read_custom_message_info}: hook point, the native parser's protocol id and a
     * protobuf payload ({@code NatsMessage}, {@code ZmtpMessage}, or empty).
     */
    record CustomMessage(int hookPoint, long typeCode, byte[] protobuf) implements HookPart {
        public static final int PROTOCOL_PARSE = 0;

        @Override
        public byte[] serialize(int room) {
            int size = 2 + 4 + 4 + protobuf.length;
            if (size > room) return null;
            return java.nio.ByteBuffer.allocate(size).putShort((short) hookPoint).putInt((int) typeCode)
                    .putInt(protobuf.length).put(protobuf).array();
        }
    }

    /** L7ResponseStatus as the agent numbers it. */
    static int statusByte(ResponseStatus status) {
        return switch (status) {
            case OK -> 0;
            case TIMEOUT -> 2;
            case SERVER_ERROR -> 3;
            case CLIENT_ERROR -> 4;
            case UNKNOWN -> 5;
            case PARSE_FAILED -> 6;
        };
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = utf8(s);
        int n = Math.min(b.length, 65535);
        out.write(n >> 8);
        out.write(n & 0xFF);
        out.write(b, 0, n);
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}
