package io.wirespan.engine.protocol.http2;

import io.wirespan.engine.tags.HeaderTags;

/**
 * What is known of one stream (RFC 9113 §5): its request and response headers, DATA lengths,
 * end and reset, and what has been reported. The {@code call*} fields gather what one parse call
 * saw, for gRPC's per-segment records (see {@link Http2Parser}). Recycled by {@link StreamTable}.
 */
final class Http2Stream {
    int id;
    long order;
    /** gRPC records (per segment, as DeepFlow sends them) rather than HTTP/2's one request and one response. */
    boolean grpc;
    /** The request carried {@code tri-service-version}: Dubbo's Triple over HTTP/2. */
    String tripleVersion;
    boolean closed;

    boolean requestHeaders, requestEnded, requestSent;
    String method, path, authority;
    long requestContentLength, requestData, requestCaptured;
    HeaderTags requestTags;

    boolean responseHeaders, responseEnded, responseSent;
    /** Content type {@code application/grpc*} or a {@code grpc-status} on the response. */
    boolean responseGrpc;
    int status, grpcStatus;
    String grpcMessage;
    long responseContentLength, responseData, responseCaptured;
    HeaderTags responseTags;

    boolean reset, resetByClient;
    int resetCode;

    // the current parse call
    int epoch;
    boolean callRequestHeaders, callRequestData, callResponseHeaders, callTrailers, callResponseData;
    long callRequestBytes, callRequestStreamBytes, callResponseBytes, callRequestCaptured, callResponseCaptured;

    Http2Stream init(int id, long order) {
        this.id = id;
        this.order = order;
        grpc = false;
        tripleVersion = null;
        closed = false;
        requestHeaders = requestEnded = requestSent = false;
        method = path = authority = null;
        requestContentLength = -1;
        requestData = requestCaptured = 0;
        requestTags = null;
        responseHeaders = responseEnded = responseSent = responseGrpc = false;
        status = grpcStatus = -1;
        grpcMessage = null;
        responseContentLength = -1;
        responseData = responseCaptured = 0;
        responseTags = null;
        reset = resetByClient = false;
        resetCode = 0;
        epoch = 0;
        clearCall();
        return this;
    }

    void clearCall() {
        callRequestHeaders = callRequestData = callResponseHeaders = callTrailers = callResponseData = false;
        callRequestBytes = callRequestStreamBytes = callResponseBytes = callRequestCaptured = callResponseCaptured = 0;
    }

    /** Client-initiated streams are odd (§5.1.1). */
    boolean clientInitiated() {
        return (id & 1) == 1;
    }
}
