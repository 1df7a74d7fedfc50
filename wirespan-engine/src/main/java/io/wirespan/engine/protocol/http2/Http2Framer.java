package io.wirespan.engine.protocol.http2;

import static io.wirespan.engine.protocol.http2.Http2Frames.CONTINUATION;
import static io.wirespan.engine.protocol.http2.Http2Frames.DATA;
import static io.wirespan.engine.protocol.http2.Http2Frames.FLAG_END_HEADERS;
import static io.wirespan.engine.protocol.http2.Http2Frames.FLAG_END_STREAM;
import static io.wirespan.engine.protocol.http2.Http2Frames.FLAG_PADDED;
import static io.wirespan.engine.protocol.http2.Http2Frames.FLAG_PRIORITY;
import static io.wirespan.engine.protocol.http2.Http2Frames.GOAWAY;
import static io.wirespan.engine.protocol.http2.Http2Frames.HEADERS;
import static io.wirespan.engine.protocol.http2.Http2Frames.HEADER_LENGTH;
import static io.wirespan.engine.protocol.http2.Http2Frames.PUSH_PROMISE;
import static io.wirespan.engine.protocol.http2.Http2Frames.RST_STREAM;
import static io.wirespan.engine.protocol.http2.Http2Frames.SETTINGS;

import io.wirespan.engine.protocol.ParserCounters;
import java.util.Arrays;

/**
 * Splits one direction of an HTTP/2 connection into frames (RFC 9113 §4), resumably: bytes are
 * consumed as they come, a frame header split across segments is left to the engine (at most 8
 * bytes), DATA payloads are counted and skipped as they arrive, and a header block is gathered
 * across its HEADERS/PUSH_PROMISE and CONTINUATION frames (padding and priority fields dropped)
 * into one bounded buffer, handed over whole.
 *
 * <p>Garbage (a header that breaks §4/§6 rules) or a gap that is not inside a DATA payload switch
 * to {@code RESYNC}: the bytes are scanned for a strictly {@linkplain Http2Frames#plausible
 * plausible} header, confirmed by the header after it when that is at hand, and the skipped bytes
 * are counted. The header block being gathered is lost then, so the handler hears
 * {@link Handler#onDesync}.
 */
final class Http2Framer {
    /** The largest header block (all its fragments) gathered; a larger one is dropped. */
    static final int MAX_HEADER_BLOCK = 256 * 1024;
    /** The most SETTINGS octets read (64 settings); the rest of a larger frame is skipped. */
    private static final int MAX_SETTINGS = 384;
    /** Extension frames are small; a longer unknown frame is taken for noise. */
    private static final int MAX_UNKNOWN_FRAME = Http2Frames.DEFAULT_MAX_FRAME_SIZE;

    /** What the frames say; {@code fromClient} tells the direction. */
    interface Handler {
        /** The client preface was consumed at the start of the stream. */
        void onPreface();

        /** A DATA frame's first payload octet arrived (or it is empty): its length less padding. */
        void onData(boolean fromClient, int streamId, int contentLength);

        void onDataEnd(boolean fromClient, int streamId, boolean endStream);

        /** A whole header block of a HEADERS or PUSH_PROMISE frame and its CONTINUATIONs. */
        void onHeaderBlock(boolean fromClient, int type, int streamId, int promisedStreamId, boolean endStream,
                           byte[] block, int length);

        void onSettings(boolean fromClient, byte[] payload, int length);

        void onRstStream(boolean fromClient, int streamId, int errorCode);

        void onGoAway(boolean fromClient, int lastStreamId, int errorCode);

        /** Bytes of a frame were consumed (header and payload as they arrive), for captured-byte counts. */
        void onFrameBytes(boolean fromClient, int streamId, int bytes);

        /** A header block was lost (gap, garbage, overflow): the HPACK table may be out of step. */
        void onDesync(boolean fromClient);
    }

    private enum State { PREFACE, HEADER, FIELDS, DATA_BODY, BLOCK, PADDING, SKIP, RESYNC }

    private final boolean fromClient;
    private final Handler handler;
    private final ParserCounters<Http2Counter> counters;
    private State state;

    // the frame being read
    private int type, flags, streamId, length;
    private int remaining;  // payload octets of the frame still to come
    private int padLength;
    private boolean dataStarted;

    // fixed fields read before the frame's body: pad length, priority, promised id, or a whole small payload
    private final byte[] fields = new byte[MAX_SETTINGS];
    private int fieldsWanted, fieldsHave;

    // the header block being gathered
    private byte[] block = new byte[1024];
    private int blockLength, blockStream, blockType, blockPromised;
    private boolean blockEndStream, blockDropped, inBlock;

    private int maxFrameSize = Http2Frames.DEFAULT_MAX_FRAME_SIZE;
    private boolean enforceMaxFrameSize;
    /**
     * Whether the next header is known to start at a frame boundary: after the preface, a frame or
     * a resync. A direction joined mid-stream may start inside a frame, so its first header has to
     * pass the strict check.
     */
    private boolean aligned;

    Http2Framer(boolean fromClient, Handler handler, ParserCounters<Http2Counter> counters) {
        this.fromClient = fromClient;
        this.handler = handler;
        this.counters = counters;
        this.state = fromClient ? State.PREFACE : State.HEADER;
    }

    /** The receiver's SETTINGS_MAX_FRAME_SIZE: larger frames are noise once the connection was seen from its start. */
    void allowFrameSize(int size) {
        if (size > maxFrameSize && size <= Http2Frames.MAX_FRAME_SIZE_LIMIT) maxFrameSize = size;
    }

    /**
     * The connection was seen from its preface, so the receiver's settings are known: a frame over
     * its SETTINGS_MAX_FRAME_SIZE means the framing was lost. Joined mid-stream, any length is taken.
     */
    void enforceMaxFrameSize() {
        enforceMaxFrameSize = true;
    }

    /** Consumes what it can of {@code b[offset, offset + length)}; returns the octets consumed. */
    int feed(byte[] b, int offset, int length) {
        int p = offset;
        int end = offset + length;
        while (true) {
            int available = end - p;
            switch (state) {
                case PREFACE -> {
                    if (!Http2Frames.startsWithPreface(b, p, available)) {
                        state = State.HEADER;
                    } else if (available < Http2Frames.PREFACE.length) {
                        return p - offset;
                    } else {
                        p += Http2Frames.PREFACE.length;
                        state = State.HEADER;
                        aligned = true;
                        handler.onPreface();
                    }
                }
                case HEADER -> {
                    if (available < HEADER_LENGTH) return p - offset;
                    if (!aligned && !Http2Frames.plausible(b, p, Http2Frames.MAX_FRAME_SIZE_LIMIT)) {
                        enterResync();
                        continue;
                    }
                    aligned = true;
                    if (!startFrame(b, p)) {
                        counters.increment(Http2Counter.MALFORMED_FRAMES);
                        enterResync();
                        continue;
                    }
                    p += HEADER_LENGTH;
                    handler.onFrameBytes(fromClient, streamId, HEADER_LENGTH);
                }
                case FIELDS -> {
                    int n = Math.min(available, fieldsWanted - fieldsHave);
                    System.arraycopy(b, p, fields, fieldsHave, n);
                    fieldsHave += n;
                    p += n;
                    consumed(n);
                    if (fieldsHave < fieldsWanted) return p - offset;
                    fieldsRead();
                }
                case DATA_BODY -> {
                    if (!dataStarted && (available > 0 || remaining == 0)) startData();
                    int n = Math.min(available, remaining);
                    p += n;
                    consumed(n);
                    if (remaining > 0) return p - offset;
                    handler.onDataEnd(fromClient, streamId, (flags & FLAG_END_STREAM) != 0);
                    state = State.HEADER;
                }
                case BLOCK -> {
                    int n = Math.min(available, remaining - padLength);
                    if (!blockDropped) {
                        if (blockLength + n > MAX_HEADER_BLOCK) {
                            dropBlock();
                        } else {
                            if (blockLength + n > block.length) {
                                block = Arrays.copyOf(block, Math.min(MAX_HEADER_BLOCK, Math.max(blockLength + n, block.length * 2)));
                            }
                            System.arraycopy(b, p, block, blockLength, n);
                            blockLength += n;
                        }
                    }
                    p += n;
                    consumed(n);
                    if (remaining > padLength) return p - offset;
                    state = State.PADDING;
                }
                case PADDING, SKIP -> {
                    int n = Math.min(available, remaining);
                    p += n;
                    consumed(n);
                    if (remaining > 0) return p - offset;
                    if (state == State.PADDING) endBlockFrame();
                    state = State.HEADER;
                }
                case RESYNC -> {
                    int at = findFrame(b, p, end);
                    counters.add(Http2Counter.RESYNC_SKIPPED_BYTES, at - p);
                    p = at;
                    if (end - p < HEADER_LENGTH) return p - offset;
                    state = State.HEADER;
                    aligned = true;
                }
            }
        }
    }

    /**
     * Bytes of this direction were lost. Inside a DATA payload (or a skipped one) whose rest is
     * longer than the hole, framing survives; anything else means resynchronising.
     */
    void onGap(int missingBytes) {
        if ((state == State.DATA_BODY || state == State.SKIP) && missingBytes < remaining) {
            remaining -= missingBytes;
            counters.increment(Http2Counter.DATA_GAPS);
            return;
        }
        enterResync();
    }

    /** Reads the frame header at {@code p}; false if it cannot be one. */
    private boolean startFrame(byte[] b, int p) {
        length = Http2Frames.length(b, p);
        type = Http2Frames.type(b, p);
        flags = Http2Frames.flags(b, p);
        streamId = Http2Frames.streamId(b, p);
        // In step, undefined flags and the reserved bit are ignored as §4.1 says; the rest must hold.
        if (!Http2Frames.wellFormed(type, flags, streamId, length)) return false;
        if (enforceMaxFrameSize && length > maxFrameSize) return false;
        if (type > CONTINUATION && length > MAX_UNKNOWN_FRAME) return false;
        if (inBlock && (type != CONTINUATION || streamId != blockStream)) {
            // §6.10: nothing may come between a header block's frames; what was gathered is lost.
            counters.increment(Http2Counter.MALFORMED_FRAMES);
            dropBlock();
            inBlock = false;
        }
        counters.increment(Http2Counter.FRAMES);
        remaining = length;
        padLength = 0;
        switch (type) {
            case DATA -> {
                dataStarted = false;
                if ((flags & FLAG_PADDED) != 0) readFields(1); else state = State.DATA_BODY;
            }
            case HEADERS -> {
                startBlock();
                int fixed = ((flags & FLAG_PADDED) != 0 ? 1 : 0) + ((flags & FLAG_PRIORITY) != 0 ? 5 : 0);
                if (fixed > 0) readFields(fixed); else state = State.BLOCK;
            }
            case PUSH_PROMISE -> {
                startBlock();
                readFields(((flags & FLAG_PADDED) != 0 ? 1 : 0) + 4);
            }
            case CONTINUATION -> {
                if (!inBlock) {
                    counters.increment(Http2Counter.MALFORMED_FRAMES);
                    state = State.SKIP;
                } else {
                    state = State.BLOCK;
                }
            }
            case SETTINGS -> readFields(Math.min(length, MAX_SETTINGS));
            case RST_STREAM -> readFields(4);
            case GOAWAY -> readFields(8);
            default -> state = State.SKIP; // PRIORITY, PING, WINDOW_UPDATE, extensions
        }
        return true;
    }

    private void readFields(int wanted) {
        fieldsWanted = wanted;
        fieldsHave = 0;
        state = State.FIELDS;
        if (wanted == 0) fieldsRead();
    }

    /** The fixed fields are in: act on them and go on with the rest of the frame. */
    private void fieldsRead() {
        state = State.SKIP;
        switch (type) {
            case DATA -> {
                padLength = fields[0] & 0xFF;
                if (padLength > remaining) { // §6.1: padding longer than the payload
                    counters.increment(Http2Counter.MALFORMED_FRAMES);
                    padLength = remaining;
                }
                state = State.DATA_BODY;
                startData(); // the pad length was the payload's first octet
            }
            case HEADERS, PUSH_PROMISE -> {
                int at = 0;
                if ((flags & FLAG_PADDED) != 0) padLength = fields[at++] & 0xFF;
                if (type == PUSH_PROMISE) blockPromised = Http2Frames.int31(fields, at);
                if (padLength > remaining) {
                    counters.increment(Http2Counter.MALFORMED_FRAMES);
                    dropBlock();
                    padLength = remaining;
                }
                state = State.BLOCK;
            }
            case SETTINGS -> {
                if ((flags & Http2Frames.FLAG_ACK) == 0) handler.onSettings(fromClient, fields, fieldsHave);
            }
            case RST_STREAM -> handler.onRstStream(fromClient, streamId, Http2Frames.int32(fields, 0));
            case GOAWAY -> handler.onGoAway(fromClient, Http2Frames.int31(fields, 0), Http2Frames.int32(fields, 4));
            default -> { }
        }
        if (state == State.SKIP && remaining == 0) state = State.HEADER;
    }

    /** Reports a DATA frame when its payload starts arriving: its length less the padding. */
    private void startData() {
        dataStarted = true;
        int padding = (flags & FLAG_PADDED) != 0 ? 1 + padLength : 0;
        handler.onData(fromClient, streamId, length - padding);
    }

    private void startBlock() {
        inBlock = true;
        blockLength = 0;
        blockDropped = false;
        blockStream = streamId;
        blockType = type;
        blockPromised = 0;
        blockEndStream = (type == HEADERS) && (flags & FLAG_END_STREAM) != 0;
    }

    /** The end of a HEADERS, PUSH_PROMISE or CONTINUATION frame: hand over the block if it is complete. */
    private void endBlockFrame() {
        if (!inBlock || (flags & FLAG_END_HEADERS) == 0) return;
        inBlock = false;
        if (blockDropped) return;
        handler.onHeaderBlock(fromClient, blockType, blockStream, blockPromised, blockEndStream, block, blockLength);
    }

    private void dropBlock() {
        if (!blockDropped) {
            blockDropped = true;
            counters.increment(Http2Counter.DROPPED_HEADER_BLOCKS);
            handler.onDesync(fromClient);
        }
        blockLength = 0;
    }

    private void consumed(int n) {
        remaining -= n;
        if (n > 0) handler.onFrameBytes(fromClient, streamId, n);
    }

    private void enterResync() {
        if (state != State.RESYNC) counters.increment(Http2Counter.RESYNCS);
        state = State.RESYNC;
        if (inBlock) dropBlock();
        inBlock = false;
        // Whatever went missing may have held a header block.
        handler.onDesync(fromClient);
    }

    /** The first position from {@code p} where a plausible frame header starts, or where fewer than 9 bytes remain. */
    private int findFrame(byte[] b, int p, int end) {
        for (int at = p; at + HEADER_LENGTH <= end; at++) {
            if (!Http2Frames.plausible(b, at, maxFrameSize)) continue;
            long next = (long) at + HEADER_LENGTH + Http2Frames.length(b, at);
            if (next + HEADER_LENGTH <= end && !Http2Frames.plausible(b, (int) next, maxFrameSize)) continue;
            return at;
        }
        return Math.max(p, end - (HEADER_LENGTH - 1));
    }
}
