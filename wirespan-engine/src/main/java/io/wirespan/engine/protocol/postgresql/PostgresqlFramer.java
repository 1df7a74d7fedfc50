package io.wirespan.engine.protocol.postgresql;

import io.wirespan.engine.protocol.ParserCounters;

/**
 * Cuts one direction of a PostgreSQL connection into messages: a resumable state machine that
 * consumes only whole headers, hands the parser a bounded prefix of each body and skips the rest
 * as it arrives, so a large DataRow or COPY chunk is never held. A header that cannot be a
 * message of this side, or a gap, switches it to resynchronisation: bytes are skipped one by one
 * until a header with a known tag, a bounded length and (once whole) a valid body.
 */
final class PostgresqlFramer {
    /** The tag reported for the untagged startup family (StartupMessage, SSLRequest, CancelRequest, GSSENCRequest). */
    static final int STARTUP = 0;
    /** The most body bytes handed to the parser; the rest of a longer body is skipped. */
    static final int BODY_LIMIT = 64 * 1024;

    /** Receives the messages the framer cuts. */
    interface Handler {
        /**
         * One message: {@code data[from, from + available)} is the start of its body, the whole of it
         * when {@code available == bodyLength}. For {@link #STARTUP} the body starts with the 4-byte code.
         */
        void message(int tag, byte[] data, int from, int available, int bodyLength);

        /** The one-byte answer ('S', 'N' or 'G') of the server to an SSLRequest or GSSENCRequest. */
        void encryptionAnswer(int answer);
    }

    private enum State { HEADER, SKIP, RESYNC, OPAQUE }

    private final boolean frontend;
    private final ParserCounters<PostgresqlCounter> counters;
    private State state = State.HEADER;
    private long skip;
    private boolean expectAnswer;

    PostgresqlFramer(boolean frontend, ParserCounters<PostgresqlCounter> counters) {
        this.frontend = frontend;
        this.counters = counters;
    }

    /** The server's next byte answers an encryption request instead of starting a message. */
    void expectEncryptionAnswer() {
        expectAnswer = true;
    }

    /** The connection went encrypted (or otherwise unreadable): every further byte is consumed unread. */
    void goOpaque() {
        state = State.OPAQUE;
    }

    boolean opaque() {
        return state == State.OPAQUE;
    }

    /**
     * Bytes were lost: stay in step when they fall inside a skipped body, else resynchronise.
     * Returns whether the framer stayed in step (no message was lost).
     */
    boolean gap(int missingBytes) {
        if (state == State.OPAQUE) return true;
        if (state == State.SKIP && skip > missingBytes) {
            skip -= missingBytes;
            return true;
        }
        skip = 0;
        expectAnswer = false;
        state = State.RESYNC;
        return false;
    }

    /** Consumes what it can of {@code data[offset, offset + length)}; returns the bytes consumed. */
    int feed(byte[] data, int offset, int length, Handler handler) {
        int at = offset;
        int end = offset + length;
        while (at < end) {
            switch (state) {
                case OPAQUE -> {
                    return length;
                }
                case SKIP -> {
                    int n = (int) Math.min(skip, end - at);
                    at += n;
                    skip -= n;
                    if (skip == 0) state = State.HEADER;
                }
                case HEADER, RESYNC -> {
                    boolean resync = state == State.RESYNC;
                    if (expectAnswer && !resync) {
                        int b = data[at];
                        if (b == 'S' || b == 'N' || b == 'G') {
                            expectAnswer = false;
                            at++;
                            handler.encryptionAnswer(b);
                            continue;
                        }
                        expectAnswer = false; // an ErrorResponse instead: frame it normally
                    }
                    int step = frame(data, at, end, resync, handler);
                    if (step == 0) return at - offset;
                    if (step < 0) {
                        at++;
                        counters.increment(PostgresqlCounter.RESYNC_SKIPPED_BYTES);
                        state = State.RESYNC;
                    } else {
                        at += step;
                    }
                }
            }
        }
        return at - offset;
    }

    /** Frames the message at {@code at}: bytes consumed, 0 when more are needed, -1 when no message starts there. */
    private int frame(byte[] data, int at, int end, boolean resync, Handler handler) {
        int available = end - at;
        int tag = data[at] & 0xFF;
        if (frontend && tag == 0) {
            if (available < 8) return 0;
            int length = PostgresqlWire.i32(data, at);
            if (!PostgresqlWire.startupFamily(length, PostgresqlWire.i32(data, at + 4))) return -1;
            if (available < length) return 0;
            deliver(STARTUP, data, at + 4, length - 4, length - 4, handler);
            return length;
        }
        if (frontend ? !PostgresqlWire.frontendTag(tag) : !PostgresqlWire.backendTag(tag)) return -1;
        if (available < 5) return 0;
        int length = PostgresqlWire.i32(data, at + 1);
        int max = resync ? BODY_LIMIT : PostgresqlWire.MAX_LENGTH;
        if (!PostgresqlWire.saneHeader(frontend, tag, length, max)) return -1;
        int bodyLength = length - 4;
        if (resync) {
            if (available < 1 + length) return 0;
            if (!PostgresqlWire.body(frontend, tag, data, at + 5, at + 1 + length)) return -1;
        }
        int want = Math.min(bodyLength, BODY_LIMIT);
        if (available - 5 < want) return 0;
        deliver(tag, data, at + 5, want, bodyLength, handler);
        if (want < bodyLength) {
            skip = bodyLength - want;
            if (state != State.OPAQUE) state = State.SKIP;
        }
        return 5 + want;
    }

    private void deliver(int tag, byte[] data, int from, int available, int bodyLength, Handler handler) {
        counters.increment(PostgresqlCounter.MESSAGES);
        if (state == State.RESYNC) state = State.HEADER;
        handler.message(tag, data, from, available, bodyLength);
    }
}
