package io.wirespan.engine.protocol.http2;

import io.wirespan.api.ResponseStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** gRPC status codes and messages, per gRPC's doc/statuscodes.md and PROTOCOL-HTTP2.md. */
final class GrpcStatus {
    private static final String[] NAMES = {
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    };

    private GrpcStatus() {}

    /** 0 ok; the codes the caller causes (call-log.md) client errors; every other code a server error. */
    static ResponseStatus responseStatus(int code) {
        return switch (code) {
            case 0 -> ResponseStatus.OK;
            case 1, 3, 5, 6, 7, 9, 11, 16 -> ResponseStatus.CLIENT_ERROR;
            default -> ResponseStatus.SERVER_ERROR;
        };
    }

    static String name(int code) {
        return code >= 0 && code < NAMES.length ? NAMES[code] : "CODE_" + code;
    }

    /**
     * {@code grpc-message} is percent-encoded UTF-8 (PROTOCOL-HTTP2.md, "Responses"); a malformed
     * escape is kept as it is, as the spec asks of receivers.
     */
    static String decodeMessage(String encoded) {
        if (encoded == null || encoded.indexOf('%') < 0) return encoded;
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        byte[] raw = encoded.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            int hi, lo;
            if (raw[i] == '%' && i + 2 < raw.length && (hi = Character.digit(raw[i + 1], 16)) >= 0
                    && (lo = Character.digit(raw[i + 2], 16)) >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(raw[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
