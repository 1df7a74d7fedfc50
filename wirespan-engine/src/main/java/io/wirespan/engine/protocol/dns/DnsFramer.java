package io.wirespan.engine.protocol.dns;

import io.wirespan.engine.protocol.ParserCounters;

/**
 * Finds DNS messages in one direction of a TCP stream: each is a 2-byte length then that many
 * bytes (RFC 7766 §8). One instance per direction; it keeps only its state, never bytes, because
 * the engine offers unconsumed bytes again.
 *
 * <p>{@code HUNTING} (at the start, after a gap, after a bad frame) accepts a frame start only
 * where {@link DnsWire#isFrameStart} holds, skipping and counting one byte at a time otherwise;
 * the first frame that decodes puts the framer {@code IN_SYNC}, where a length below the header
 * or an implausible header sends it back to hunting.
 */
final class DnsFramer {
    private enum State { HUNTING, IN_SYNC }

    private final ParserCounters<DnsCounter> counters;
    private State state = State.HUNTING;
    private int frameLength = -1;

    DnsFramer(ParserCounters<DnsCounter> counters) {
        this.counters = counters;
    }

    /**
     * Looks for the next frame from {@code at}. Bytes it rules out are counted as skipped.
     *
     * @return where the next frame starts (or may start, when more bytes are needed); then
     *     {@link #frameLength} is the message length if the whole frame is in {@code [at, end)}, else -1
     */
    int seek(byte[] b, int at, int end) {
        int pos = at;
        while (true) {
            frameLength = -1;
            int visible = end - pos;
            if (visible < DnsWire.PREFIX_LENGTH) return pos;
            int length = DnsWire.u16(b, pos);
            int h = pos + DnsWire.PREFIX_LENGTH;
            if (state == State.IN_SYNC) {
                if (length < DnsWire.HEADER_LENGTH) {
                    counters.increment(DnsCounter.BAD_LENGTH);
                    state = State.HUNTING;
                    continue;
                }
                if (visible < DnsWire.PREFIX_LENGTH + DnsWire.HEADER_LENGTH) return pos;
                if (!DnsWire.isPlausible(b, h, length)) {
                    counters.increment(DnsCounter.BAD_HEADER);
                    state = State.HUNTING;
                    continue;
                }
            } else {
                if (visible < DnsWire.PREFIX_LENGTH + DnsWire.HEADER_LENGTH) return pos;
                if (!DnsWire.isFrameStart(b, h, length, end)) {
                    counters.increment(DnsCounter.RESYNC_SKIPPED_BYTES);
                    pos++;
                    continue;
                }
            }
            if (visible < DnsWire.PREFIX_LENGTH + length) return pos;
            frameLength = length;
            return pos;
        }
    }

    /** The message length of the frame {@link #seek} found whole, or -1. */
    int frameLength() {
        return frameLength;
    }

    /**
     * The frame found decoded or not; returns how many of its bytes to consume. A frame that does
     * not decode while hunting was a false start: only its first byte is skipped.
     */
    int consume(boolean decoded) {
        int whole = DnsWire.PREFIX_LENGTH + frameLength;
        if (decoded) {
            state = State.IN_SYNC;
            return whole;
        }
        if (state == State.HUNTING) {
            counters.increment(DnsCounter.RESYNC_SKIPPED_BYTES);
            return 1;
        }
        return whole; // in step: the length is trusted, the message was bad
    }

    /** Bytes were lost: whatever comes next is looked for afresh. */
    void gap() {
        state = State.HUNTING;
        frameLength = -1;
    }

    boolean inSync() {
        return state == State.IN_SYNC;
    }
}
