package io.wirespan.engine.protocol.http2;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Parser;
import io.wirespan.api.MessageSink;
import io.wirespan.api.ParseContext;
import io.wirespan.engine.protocol.ParserCounters;
import java.util.Arrays;

/**
 * One HTTP/2 connection: a {@link Http2Framer} and an {@link HpackDecoder} per direction, and the
 * open streams. What it reports, per stream (the session id is the stream id):
 *
 * <ul>
 *   <li><b>HTTP/2.</b> The request when the client ends its side (END_STREAM), or at the first
 *       final response HEADERS if it has not; the response when the server ends its side. A
 *       RST_STREAM reports what is pending, the response marked with the reset; the flow's end
 *       and eviction from the bounded stream table report what is pending as it is. Lengths are
 *       {@code content-length} if sent, else the DATA frames' lengths less padding, summed.
 *   <li><b>gRPC</b> ({@code content-type: application/grpc*}, or any stream of a flow already seen
 *       to be gRPC whose content type is unknown). DeepFlow reports gRPC per TCP segment, and the
 *       corpus follows it, so here each parse call is a segment: the request is reported at the end
 *       of the call that completed its HEADERS, with the DATA that came in that call; the response
 *       at the end of the call that brought its trailers (grpc-status), with that call's DATA.
 *       Without streaming data a call is one exchange: the response is reported with its trailers,
 *       carrying their grpc-status and the whole call's DATA, whatever segments they came in.
 *       (DeepFlow reports it at the response HEADERS instead, with the HTTP status, unless the
 *       trailers share their segment, so a gRPC error answered later reads as 200 there; Wirespan
 *       deliberately departs from that.) With streaming data, what falls between is
 *       reported as sessions: {@code _REQUEST_DATA}, {@code _RESPONSE_HEADER}, {@code _RESPONSE_DATA}.
 * </ul>
 *
 * A DATA frame counts in the call where its payload starts, with its whole declared length.
 */
final class Http2Parser implements L7Parser, Http2Framer.Handler {
    static final int MAX_STREAMS = 256;
    static final int MAX_HEADER_LIST_SIZE = 128 * 1024;

    private final Http2Records records;
    private final boolean streamingData;
    private final ParserCounters<Http2Counter> counters;
    private final Http2Framer clientFrames;
    private final Http2Framer serverFrames;
    private final HpackDecoder clientHeaders;
    private final HpackDecoder serverHeaders;
    private final StreamTable streams = new StreamTable(MAX_STREAMS);
    private final HeaderCollector headers;
    private boolean flowGrpc;

    private int epoch;
    private Http2Stream[] touched = new Http2Stream[8];
    private int touchedCount;
    private ParseContext context;
    private MessageSink out;

    // frame bytes of a stream not open yet (its HEADERS frame before the block is complete)
    private final int[] pendingStream = new int[2];
    private final long[] pendingBytes = new long[2];

    Http2Parser(Http2Protocol protocol, ParseContext context) {
        this.counters = new ParserCounters<>(Http2Counter.values(), context);
        this.clientFrames = new Http2Framer(true, this, counters);
        this.serverFrames = new Http2Framer(false, this, counters);
        this.clientHeaders = new HpackDecoder(HpackDecoder.DEFAULT_TABLE_SIZE, MAX_HEADER_LIST_SIZE, counters);
        this.serverHeaders = new HpackDecoder(HpackDecoder.DEFAULT_TABLE_SIZE, MAX_HEADER_LIST_SIZE, counters);
        this.records = new Http2Records(protocol.endpoints());
        this.streamingData = protocol.grpcStreamingData();
        this.headers = new HeaderCollector(protocol.traceHeaders());
        // Until the client preface shows the connection's start, earlier inserts may be missing.
        clientHeaders.markDesynced();
        serverHeaders.markDesynced();
    }

    @Override
    public int parse(Direction direction, byte[] data, int offset, int length, ParseContext context, MessageSink out) {
        this.context = context;
        this.out = out;
        epoch++;
        try {
            Http2Framer framer = direction == Direction.CLIENT_TO_SERVER ? clientFrames : serverFrames;
            int consumed = framer.feed(data, offset, length);
            finishCall();
            return consumed;
        } finally {
            this.context = null;
            this.out = null;
        }
    }

    @Override
    public void onGap(Direction direction, int missingBytes, ParseContext context) {
        (direction == Direction.CLIENT_TO_SERVER ? clientFrames : serverFrames).onGap(missingBytes);
    }

    @Override
    public void onFlowEnd(ParseContext context, MessageSink out) {
        this.context = context;
        this.out = out;
        try {
            streams.forEachOldestFirst(this::closeOut);
            streams.forEachOldestFirst(s -> streams.remove(s, false));
        } finally {
            this.context = null;
            this.out = null;
        }
    }

    // ---- framer events

    @Override
    public void onPreface() {
        // The connection starts here: both tables are empty and complete, and frame sizes are known.
        if (!clientHeaders.decodedABlock()) clientHeaders.markSynced();
        if (!serverHeaders.decodedABlock()) serverHeaders.markSynced();
        clientFrames.enforceMaxFrameSize();
        serverFrames.enforceMaxFrameSize();
    }

    @Override
    public void onSettings(boolean fromClient, byte[] payload, int length) {
        for (int at = 0; at + 6 <= length; at += 6) {
            int id = ((payload[at] & 0xFF) << 8) | (payload[at + 1] & 0xFF);
            int value = Http2Frames.int32(payload, at + 2);
            // A setting limits what the other side sends: its encoder and its frame sizes.
            if (id == Http2Frames.SETTINGS_HEADER_TABLE_SIZE && value >= 0) {
                (fromClient ? serverHeaders : clientHeaders).settingsTableSize(value);
            } else if (id == Http2Frames.SETTINGS_MAX_FRAME_SIZE) {
                (fromClient ? serverFrames : clientFrames).allowFrameSize(value);
            }
        }
    }

    @Override
    public void onHeaderBlock(boolean fromClient, int type, int streamId, int promisedStreamId, boolean endStream,
                              byte[] block, int length) {
        headers.reset();
        (fromClient ? clientHeaders : serverHeaders).decode(block, 0, length, headers);
        if (type == Http2Frames.PUSH_PROMISE) {
            // §8.4: the server sends the request it will answer on the promised (even) stream.
            if (!fromClient && promisedStreamId != 0) requestHeaders(promisedStreamId, true);
        } else if (fromClient) {
            requestHeaders(streamId, endStream);
        } else {
            responseHeaders(streamId, endStream);
        }
    }

    @Override
    public void onData(boolean fromClient, int streamId, int contentLength) {
        Http2Stream s = streams.get(streamId);
        if (s == null) {
            if (!(flowGrpc && streamingData)) {
                counters.increment(Http2Counter.ORPHAN_DATA_FRAMES);
                return;
            }
            s = open(streamId);
            s.grpc = true;
        }
        if (s.closed) return;
        touch(s);
        if (fromClient) {
            s.requestData += contentLength;
            if (s.callRequestHeaders) {
                s.callRequestBytes += contentLength;
            } else {
                s.callRequestStreamBytes += contentLength;
                s.callRequestData = true;
            }
        } else {
            s.responseData += contentLength;
            s.callResponseBytes += contentLength;
            s.callResponseData = true;
        }
    }

    @Override
    public void onDataEnd(boolean fromClient, int streamId, boolean endStream) {
        if (!endStream) return;
        Http2Stream s = streams.get(streamId);
        if (s == null || s.closed) return;
        if (fromClient) {
            requestEnd(s);
        } else {
            responseEnd(s);
        }
    }

    @Override
    public void onRstStream(boolean fromClient, int streamId, int errorCode) {
        Http2Stream s = streams.get(streamId);
        if (s == null || s.closed) return;
        touch(s);
        s.reset = true;
        s.resetByClient = fromClient;
        s.resetCode = errorCode;
        if (!s.grpc) {
            closeOut(s);
        }
        s.closed = true; // gRPC: the call's records first, then the reset, in finishCall
    }

    @Override
    public void onGoAway(boolean fromClient, int lastStreamId, int errorCode) {
        // §6.8: streams the sender of GOAWAY did not process, initiated by its peer, will never be answered.
        streams.forEachOldestFirst(s -> {
            if (s.id > lastStreamId && s.clientInitiated() != fromClient && !s.closed) {
                touch(s);
                if (s.requestHeaders && !s.requestSent) sendRequest(s, s.grpc ? s.requestData : requestLength(s), s.requestCaptured);
                s.closed = true;
            }
        });
    }

    @Override
    public void onFrameBytes(boolean fromClient, int streamId, int bytes) {
        if (streamId == 0) return;
        Http2Stream s = streams.get(streamId);
        int side = fromClient ? 0 : 1;
        if (s == null) {
            if (pendingStream[side] != streamId) {
                pendingStream[side] = streamId;
                pendingBytes[side] = 0;
            }
            pendingBytes[side] += bytes;
            return;
        }
        if (fromClient) {
            s.requestCaptured += bytes;
            s.callRequestCaptured += bytes;
        } else {
            s.responseCaptured += bytes;
            s.callResponseCaptured += bytes;
        }
    }

    @Override
    public void onDesync(boolean fromClient) {
        counters.increment(Http2Counter.HEADER_TABLE_DESYNCS);
        (fromClient ? clientHeaders : serverHeaders).markDesynced();
    }

    // ---- header blocks

    private void requestHeaders(int streamId, boolean endStream) {
        Http2Stream s = streams.get(streamId);
        if (s != null && (s.requestHeaders || s.closed)) {
            if (endStream && !s.closed) requestEnd(s); // trailers
            return;
        }
        if (s == null) s = open(streamId);
        touch(s);
        s.requestHeaders = true;
        s.method = headers.method;
        s.path = headers.path;
        s.authority = headers.domain();
        s.requestContentLength = headers.contentLength;
        s.requestTags = headers.takeTags();
        s.tripleVersion = headers.tripleVersion;
        if (headers.grpcContentType) {
            flowGrpc = true;
            s.grpc = true;
        } else {
            // Content type not seen (or behind an unknown table entry): the flow's kind decides, as in DeepFlow.
            s.grpc = !headers.contentTypeSeen && flowGrpc;
        }
        if (s.tripleVersion != null) s.grpc = false;
        s.callRequestHeaders = true;
        if (endStream) requestEnd(s);
    }

    private void responseHeaders(int streamId, boolean endStream) {
        Http2Stream s = streams.get(streamId);
        if (s != null && s.closed) return;
        if (s == null) {
            s = open(streamId);
            s.grpc = flowGrpc || headers.grpcContentType || headers.grpcStatus >= 0;
        }
        touch(s);
        boolean hasStatus = headers.status >= 0;
        if (hasStatus && headers.status < 200 && !endStream) return; // 1xx: not the final response (§8.1)
        if (headers.grpcContentType || headers.grpcStatus >= 0) {
            s.responseGrpc = true;
            flowGrpc = true;
        }
        boolean trailers = s.responseHeaders || (!hasStatus && (endStream || headers.grpcStatus >= 0));
        if (!trailers) {
            if (!s.grpc && s.requestHeaders && !s.requestSent) sendRequest(s, requestLength(s), s.requestCaptured);
            s.responseHeaders = true;
            s.status = headers.status;
            s.responseContentLength = headers.contentLength;
            s.responseTags = headers.takeTags();
            s.callResponseHeaders = true;
        } else if (s.responseTags == null) {
            s.responseTags = headers.takeTags();
        }
        if (headers.grpcStatus >= 0) {
            s.grpcStatus = headers.grpcStatus;
            s.grpcMessage = headers.grpcMessage;
            s.callTrailers = true;
        }
        if (endStream) responseEnd(s);
    }

    private void requestEnd(Http2Stream s) {
        s.requestEnded = true;
        touch(s);
        if (!s.grpc && !s.requestSent) sendRequest(s, requestLength(s), s.requestCaptured);
    }

    private void responseEnd(Http2Stream s) {
        s.responseEnded = true;
        touch(s);
        if (!s.grpc) closeOut(s);
        s.closed = true;
    }

    // ---- reporting

    /** At the end of a parse call: gRPC's per-segment records, then the streams that closed are dropped. */
    private void finishCall() {
        for (int i = 0; i < touchedCount; i++) {
            Http2Stream s = touched[i];
            if (s.grpc) grpcRecords(s);
            s.clearCall();
        }
        for (int i = 0; i < touchedCount; i++) {
            Http2Stream s = touched[i];
            touched[i] = null;
            if (s.closed) streams.remove(s, true);
        }
        touchedCount = 0;
    }

    private void grpcRecords(Http2Stream s) {
        if (s.callRequestHeaders && !s.requestSent) sendRequest(s, s.callRequestBytes, s.callRequestCaptured);
        if (s.callRequestData && streamingData) {
            out.emit(records.data(s, true, s.callRequestStreamBytes, s.callRequestCaptured));
        }
        if (s.callTrailers && !s.responseSent) {
            // Without streaming data a call is one exchange: its response is the whole answer and
            // its code the grpc-status of the trailers, whichever segment they come in.
            if (streamingData) {
                sendResponse(s, s.callResponseBytes, s.callResponseCaptured);
            } else {
                sendResponse(s, s.responseData, s.responseCaptured);
            }
        } else if (s.callResponseHeaders && streamingData) {
            out.emit(records.responseHeader(s, s.callResponseBytes, s.callResponseCaptured));
        } else if (s.callResponseData && streamingData) {
            out.emit(records.data(s, false, s.callResponseBytes, s.callResponseCaptured));
        }
        if (s.reset && !s.responseSent) sendResponse(s, 0, 0);
    }

    /** Reports what a stream still owes: its request, and its response as far as it went. */
    private void closeOut(Http2Stream s) {
        if (s.requestHeaders && !s.requestSent) {
            sendRequest(s, s.grpc ? s.callRequestBytes : requestLength(s), s.grpc ? s.callRequestCaptured : s.requestCaptured);
        }
        if ((s.responseHeaders || s.reset) && !s.responseSent) {
            // A gRPC answer whose trailers never came (the capture or connection ended) is reported
            // with what was seen: the HTTP status and the DATA so far.
            long length = !s.grpc && s.responseContentLength >= 0 ? s.responseContentLength : s.responseData;
            sendResponse(s, length, s.responseCaptured);
        }
    }

    private long requestLength(Http2Stream s) {
        return s.requestContentLength >= 0 ? s.requestContentLength : s.requestData;
    }

    private void sendRequest(Http2Stream s, long length, long captured) {
        s.requestSent = true;
        out.emit(records.request(s, length, captured, context.settings()));
    }

    private void sendResponse(Http2Stream s, long length, long captured) {
        s.responseSent = true;
        out.emit(records.response(s, length, captured, context.settings()));
    }

    // ---- streams

    private Http2Stream open(int streamId) {
        Http2Stream oldest = streams.oldestIfFull();
        if (oldest != null) {
            counters.increment(Http2Counter.EVICTED_STREAMS);
            if (!oldest.closed) closeOut(oldest);
            oldest.closed = true;
            streams.remove(oldest, false); // not reused: this call may still hold it
        }
        Http2Stream s = streams.add(streamId);
        for (int side = 0; side < 2; side++) {
            if (pendingStream[side] == streamId) {
                if (side == 0) s.requestCaptured += pendingBytes[side]; else s.responseCaptured += pendingBytes[side];
                if (side == 0) s.callRequestCaptured += pendingBytes[side]; else s.callResponseCaptured += pendingBytes[side];
                pendingStream[side] = 0;
                pendingBytes[side] = 0;
            }
        }
        return s;
    }

    private void touch(Http2Stream s) {
        if (s.epoch == epoch) return;
        s.epoch = epoch;
        if (touchedCount == touched.length) touched = Arrays.copyOf(touched, touched.length * 2);
        touched[touchedCount++] = s;
    }

    // ---- for tests

    ParserCounters<Http2Counter> counters() { return counters; }
    int openStreams() { return streams.size(); }
    HpackDecoder decoder(boolean fromClient) { return fromClient ? clientHeaders : serverHeaders; }
}
