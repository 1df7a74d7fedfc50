package io.wirespan.engine.protocol.http2;

import io.wirespan.engine.tags.HeaderTags;
import io.wirespan.engine.tags.TraceHeaders;
import java.nio.charset.StandardCharsets;

/**
 * Picks out of one decoded header block what a call log needs (after DeepFlow's HTTP header
 * handling, l7 reference §3.3): pseudo-headers, host, content type and length, gRPC status and
 * message, Triple's version; every other header goes to the trace/request-id tags. Reused.
 */
final class HeaderCollector implements HpackDecoder.Sink {
    private static final byte[] GRPC_CONTENT_TYPE = "application/grpc".getBytes(StandardCharsets.US_ASCII);
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "CONNECT", "TRACE"};
    private static final byte[][] METHOD_BYTES = new byte[METHODS.length][];

    static {
        for (int i = 0; i < METHODS.length; i++) METHOD_BYTES[i] = METHODS[i].getBytes(StandardCharsets.US_ASCII);
    }

    private final TraceHeaders traceHeaders;

    String method, path, authority, host, grpcMessage, tripleVersion;
    int status, grpcStatus;
    long contentLength;
    boolean contentTypeSeen, grpcContentType;
    int unknownHeaders;
    private HeaderTags tags;

    HeaderCollector(TraceHeaders traceHeaders) {
        this.traceHeaders = traceHeaders;
    }

    void reset() {
        method = path = authority = host = grpcMessage = tripleVersion = null;
        status = grpcStatus = -1;
        contentLength = -1;
        contentTypeSeen = grpcContentType = false;
        unknownHeaders = 0;
        tags = null;
    }

    /** The tags found in the block (null if no header could carry one); the next block starts afresh. */
    HeaderTags takeTags() {
        HeaderTags t = tags;
        tags = null;
        return t;
    }

    @Override
    public void header(String name, byte[] v, int off, int len) {
        switch (name) {
            case ":method" -> method = method(v, off, len);
            case ":path" -> {
                if (path == null) path = text(v, off, len); // the first one wins, as in DeepFlow
            }
            case ":authority" -> authority = text(v, off, len);
            case "host" -> host = text(v, off, len);
            case ":status" -> status = (int) digits(v, off, len, 3);
            case "content-type" -> {
                contentTypeSeen = true;
                grpcContentType = len >= GRPC_CONTENT_TYPE.length
                        && java.util.Arrays.equals(v, off, off + GRPC_CONTENT_TYPE.length, GRPC_CONTENT_TYPE, 0, GRPC_CONTENT_TYPE.length);
            }
            case "content-length" -> contentLength = digits(v, off, len, 18);
            case "grpc-status" -> grpcStatus = (int) digits(v, off, len, 9);
            case "grpc-message" -> grpcMessage = text(v, off, len);
            case "tri-service-version" -> tripleVersion = text(v, off, len);
            default -> {
                if (!name.startsWith(":")) {
                    if (tags == null) tags = traceHeaders.newMessage();
                    tags.header(name, text(v, off, len));
                }
            }
        }
    }

    @Override
    public void unknownHeader() {
        unknownHeaders++;
    }

    /** The request's authority: {@code :authority}, else {@code host}. */
    String domain() {
        return authority != null ? authority : host;
    }

    private static String method(byte[] v, int off, int len) {
        for (int i = 0; i < METHODS.length; i++) {
            if (java.util.Arrays.equals(METHOD_BYTES[i], 0, METHOD_BYTES[i].length, v, off, off + len)) return METHODS[i];
        }
        return new String(v, off, len, StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] v, int off, int len) {
        return new String(v, off, len, StandardCharsets.UTF_8);
    }

    /** A decimal number of at most {@code maxDigits} digits, or -1. */
    private static long digits(byte[] v, int off, int len, int maxDigits) {
        if (len == 0 || len > maxDigits) return -1;
        long n = 0;
        for (int i = off; i < off + len; i++) {
            int d = v[i] - '0';
            if (d < 0 || d > 9) return -1;
            n = n * 10 + d;
        }
        return n;
    }
}
