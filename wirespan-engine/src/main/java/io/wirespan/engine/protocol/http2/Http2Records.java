package io.wirespan.engine.protocol.http2;

import io.wirespan.api.L7Message;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.ParserSettings;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.tags.HeaderTags;
import io.wirespan.engine.tags.HttpEndpoints;

/**
 * Turns a stream's state into messages, with DeepFlow's field mapping (l7 reference §3.4):
 * HTTP/2 requests carry the path as resource and its first segments as endpoint; gRPC (and
 * Triple) requests carry {@code package.Service} as resource and the full method path as
 * endpoint; gRPC responses carry the gRPC status as code when it was seen.
 */
final class Http2Records {
    static final String VERSION = "2";
    static final String REQUEST_DATA = "_REQUEST_DATA";
    static final String RESPONSE_DATA = "_RESPONSE_DATA";
    static final String RESPONSE_HEADER = "_RESPONSE_HEADER";

    private final HttpEndpoints endpoints;

    Http2Records(HttpEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    L7Message request(Http2Stream s, long length, long captured, ParserSettings settings) {
        L7Message.Builder m = L7Message.request().sessionId((long) s.id).requestLength(length).capturedBytes(captured)
                .requestDomain(settings.truncate(s.authority));
        if (s.grpc || s.tripleVersion != null) {
            m.protocol(s.tripleVersion != null ? L7Protocol.TRIPLE : L7Protocol.GRPC)
                    .version(s.tripleVersion != null ? settings.truncate(s.tripleVersion) : VERSION)
                    .requestType(s.tripleVersion != null || s.method == null ? "POST" : s.method)
                    .requestResource(settings.truncate(serviceName(s.path)))
                    .endpoint(settings.truncate(s.path));
        } else {
            String path = s.path;
            if (path != null && settings.obfuscate()) {
                int query = path.indexOf('?');
                if (query >= 0) path = path.substring(0, query + 1); // DeepFlow keeps the '?'
            }
            m.version(VERSION).requestType(s.method).requestResource(settings.truncate(path))
                    .endpoint(settings.truncate(endpoints.of(s.path)));
        }
        applyTags(m, s.requestTags, true);
        return m.build();
    }

    L7Message response(Http2Stream s, long length, long captured, ParserSettings settings) {
        L7Message.Builder m = L7Message.response().sessionId((long) s.id).version(VERSION).responseLength(length)
                .capturedBytes(captured);
        boolean grpc = s.grpc || s.responseGrpc;
        if (s.tripleVersion != null) {
            m.protocol(L7Protocol.TRIPLE).version(settings.truncate(s.tripleVersion));
        } else if (grpc) {
            m.protocol(L7Protocol.GRPC);
        }
        if (grpc && s.grpcStatus >= 0) {
            ResponseStatus status = GrpcStatus.responseStatus(s.grpcStatus);
            m.responseCode(s.grpcStatus).responseStatus(status);
            if (status.isError()) {
                String message = GrpcStatus.decodeMessage(s.grpcMessage);
                m.responseException(settings.truncate(message == null || message.isEmpty() ? GrpcStatus.name(s.grpcStatus) : message));
            }
        } else if (s.status >= 0) {
            m.responseCode(s.status).responseStatus(httpStatus(s.status)).responseException(reason(s.status));
        } else {
            m.responseStatus(ResponseStatus.UNKNOWN);
        }
        if (s.reset && !(s.resetCode == 0 && s.responseHeaders)) {
            // RST_STREAM cut the exchange short (a NO_ERROR reset after a response is just cleanup).
            m.responseStatus(s.resetByClient ? ResponseStatus.CLIENT_ERROR : ResponseStatus.SERVER_ERROR)
                    .responseException("RST_STREAM " + Http2Frames.errorName(s.resetCode));
        }
        applyTags(m, s.responseTags, false);
        return m.build();
    }

    /** A gRPC DATA record of streaming mode: {@code _REQUEST_DATA} (status unknown) or {@code _RESPONSE_DATA} (ok). */
    L7Message data(Http2Stream s, boolean request, long length, long captured) {
        L7Message.Builder m = L7Message.session().protocol(L7Protocol.GRPC).sessionId((long) s.id).version(VERSION)
                .capturedBytes(captured);
        if (request) {
            m.requestType(REQUEST_DATA).requestLength(length).responseStatus(ResponseStatus.UNKNOWN);
        } else {
            m.requestType(RESPONSE_DATA).responseLength(length).responseStatus(ResponseStatus.OK);
        }
        return m.build();
    }

    /** A gRPC response HEADERS record of streaming mode, before the trailers: the HTTP status. */
    L7Message responseHeader(Http2Stream s, long length, long captured) {
        L7Message.Builder m = L7Message.session().protocol(L7Protocol.GRPC).sessionId((long) s.id).version(VERSION)
                .requestType(RESPONSE_HEADER).responseLength(length).capturedBytes(captured);
        if (s.status >= 0) {
            m.responseCode(s.status).responseStatus(httpStatus(s.status));
        } else {
            m.responseStatus(ResponseStatus.UNKNOWN);
        }
        return m.build();
    }

    /** {@code package.Service} of a {@code /package.Service/Method} path (exactly two slashes, 6+ characters), else null. */
    static String serviceName(String path) {
        if (path == null || path.length() < 6 || path.charAt(0) != '/') return null;
        int second = path.indexOf('/', 1);
        if (second < 0 || path.indexOf('/', second + 1) >= 0) return null;
        return path.substring(1, second);
    }

    /** HTTP: 4xx client error, 5xx server error, anything else ok. */
    static ResponseStatus httpStatus(int code) {
        if (code >= 400 && code <= 499) return ResponseStatus.CLIENT_ERROR;
        if (code >= 500 && code <= 599) return ResponseStatus.SERVER_ERROR;
        return ResponseStatus.OK;
    }

    /** The reason phrase of an error status (HTTP/2 sends none; DeepFlow's server fills it the same way). */
    static String reason(int code) {
        return switch (code) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> null;
        };
    }

    private static void applyTags(L7Message.Builder m, HeaderTags tags, boolean request) {
        if (tags == null) return;
        tags.applyTo(m);
        if (!request) m.httpProxyClient(null); // the real client is read from requests only
    }
}
