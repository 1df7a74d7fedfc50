package io.wirespan.engine.protocol.http2;

import io.wirespan.api.ByteSet;
import io.wirespan.api.CheckResult;
import io.wirespan.api.Direction;
import io.wirespan.api.L7Parser;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.ParseContext;
import io.wirespan.api.PayloadSignature;
import io.wirespan.engine.tags.HttpEndpoints;
import io.wirespan.engine.tags.TraceHeaders;
import java.util.Objects;

/**
 * HTTP/2 over TCP (cleartext, or decrypted upstream), with gRPC and Triple found inside it.
 *
 * <p>{@link #check} accepts the client connection preface (a request), or a run of strictly
 * valid frame headers in which a HEADERS block names {@code :method} (a request) or
 * {@code :status} (a response; also a PUSH_PROMISE), or which starts with the server's
 * non-empty SETTINGS (a response). Frames of data alone are not enough: inference waits for a
 * packet with headers, which keeps binary noise and text protocols out.
 */
public final class Http2Protocol implements L7ProtocolProvider {
    /** The largest first frame {@link #check} accepts (so a first payload starts with 0x00..0x0F or the preface's 'P'). */
    private static final int CHECK_MAX_FRAME = (1 << 20) - 1;
    /** The client preface, or a frame header: a length up to {@link #CHECK_MAX_FRAME}, a defined type, stream id's reserved bit clear. */
    private static final PayloadSignature SIGNATURE = PayloadSignature.startingWith(
                    ByteSet.range(0, CHECK_MAX_FRAME >>> 16).union(ByteSet.of(Http2Frames.PREFACE[0])))
            .at(3, ByteSet.range(0, Http2Frames.CONTINUATION).union(ByteSet.of(Http2Frames.PREFACE[3])))
            .at(5, ByteSet.range(0, 0x7F).union(ByteSet.of(Http2Frames.PREFACE[5] & 0xFF)));
    /** A partial preface this long is taken for the preface. */
    private static final int PREFACE_PREFIX = 16;

    private final TraceHeaders traceHeaders;
    private final HttpEndpoints endpoints;
    private final boolean grpcStreamingData;

    /** DeepFlow's defaults: trace headers {@code traceparent, sw8}, 2-segment endpoints, gRPC streaming data off. */
    public Http2Protocol() {
        this(TraceHeaders.defaults(), HttpEndpoints.defaults(), false);
    }

    /**
     * @param grpcStreamingData {@code grpc.streaming_data_enabled}: report gRPC DATA frames and
     *     response headers as sessions of their own, and take a response's code from its trailers
     */
    public Http2Protocol(TraceHeaders traceHeaders, HttpEndpoints endpoints, boolean grpcStreamingData) {
        this.traceHeaders = Objects.requireNonNull(traceHeaders, "traceHeaders");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.grpcStreamingData = grpcStreamingData;
    }

    @Override
    public L7Protocol protocol() {
        return L7Protocol.HTTP2;
    }

    @Override
    public String configName() {
        return "HTTP2";
    }

    @Override
    public PayloadSignature signature(boolean udp) {
        return SIGNATURE;
    }

    @Override
    public CheckResult check(Direction direction, byte[] data, int offset, int length, ParseContext context) {
        if (length <= 0) return CheckResult.NOT_MINE;
        if ((length >= PREFACE_PREFIX) && Http2Frames.startsWithPreface(data, offset, length)) return CheckResult.REQUEST;
        int end = offset + length;
        long pos = offset;
        boolean serverSettings = false;
        for (int frames = 0; end - pos >= Http2Frames.HEADER_LENGTH; frames++) {
            int at = (int) pos;
            if (!Http2Frames.plausible(data, at, CHECK_MAX_FRAME)) return CheckResult.NOT_MINE;
            int type = Http2Frames.type(data, at);
            int flags = Http2Frames.flags(data, at);
            int frameLength = Http2Frames.length(data, at);
            int payload = at + Http2Frames.HEADER_LENGTH;
            int payloadEnd = (int) Math.min(end, (long) payload + frameLength);
            if (frames == 0 && type == Http2Frames.SETTINGS && (flags & Http2Frames.FLAG_ACK) == 0) {
                serverSettings = frameLength > 0 && payloadEnd - payload == frameLength
                        && validSettings(data, payload, frameLength);
            }
            if (type == Http2Frames.PUSH_PROMISE) return CheckResult.RESPONSE;
            if (type == Http2Frames.HEADERS) {
                int start = payload;
                int blockEnd = payloadEnd;
                if ((flags & Http2Frames.FLAG_PADDED) != 0) {
                    if (start >= end) return CheckResult.NOT_MINE;
                    int padding = data[start] & 0xFF;
                    if (padding >= frameLength) return CheckResult.NOT_MINE;
                    blockEnd = (int) Math.min(blockEnd, (long) payload + frameLength - padding);
                    start++;
                }
                if ((flags & Http2Frames.FLAG_PRIORITY) != 0) start += 5;
                if (start < blockEnd) {
                    int verdict = HeaderScan.scan(data, start, blockEnd - start);
                    if (verdict == HeaderScan.REQUEST) return CheckResult.REQUEST;
                    if (verdict == HeaderScan.RESPONSE) return CheckResult.RESPONSE;
                    if (verdict == HeaderScan.MALFORMED) return CheckResult.NOT_MINE;
                }
            }
            pos = (long) payload + frameLength;
        }
        return serverSettings ? CheckResult.RESPONSE : CheckResult.NOT_MINE;
    }

    /** Every setting a known one (§6.5.2 and RFC 8441, 9218) with a value in its range. */
    private static boolean validSettings(byte[] data, int offset, int length) {
        for (int at = offset; at + 6 <= offset + length; at += 6) {
            int id = ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
            long value = Http2Frames.int32(data, at + 2) & 0xFFFF_FFFFL;
            boolean ok = switch (id) {
                case 1, 3, 6 -> true;                   // HEADER_TABLE_SIZE, MAX_CONCURRENT_STREAMS, MAX_HEADER_LIST_SIZE
                case 2, 8, 9 -> value <= 1;             // ENABLE_PUSH, ENABLE_CONNECT_PROTOCOL, NO_RFC7540_PRIORITIES
                case 4 -> value <= Integer.MAX_VALUE;   // INITIAL_WINDOW_SIZE
                case 5 -> value >= Http2Frames.DEFAULT_MAX_FRAME_SIZE && value <= Http2Frames.MAX_FRAME_SIZE_LIMIT;
                default -> false;
            };
            if (!ok) return false;
        }
        return true;
    }

    @Override
    public L7Parser newParser(ParseContext context) {
        return new Http2Parser(this, context);
    }

    TraceHeaders traceHeaders() {
        return traceHeaders;
    }

    HttpEndpoints endpoints() {
        return endpoints;
    }

    boolean grpcStreamingData() {
        return grpcStreamingData;
    }
}
