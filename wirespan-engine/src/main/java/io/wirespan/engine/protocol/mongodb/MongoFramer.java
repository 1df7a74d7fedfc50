package io.wirespan.engine.protocol.mongodb;

import io.wirespan.engine.protocol.ParserCounters;

/**
 * Finds messages in one direction of a TCP stream and decodes each with {@link MongoDecoder}. One
 * instance per direction; it keeps only its state, never bytes: the engine offers unconsumed bytes
 * again.
 *
 * <p>{@code HUNTING} (at the start, after a gap, after a bad header) accepts a message start only
 * where the header is in range and the first body fields are plausible, and where the message then
 * decodes; otherwise it skips and counts one byte. {@code IN_SYNC} trusts {@code messageLength}: a
 * message that does not decode is counted and stepped over. {@code SKIPPING} consumes the rest of a
 * message already reported, as it arrives.
 */
final class MongoFramer {
    /**
     * Bytes held back, at most, waiting for a message's first document; the engine holds at least
     * 256 KiB per direction. A message whose first document lies beyond is reported by header.
     */
    static final int MAX_HELD = 128 * 1024;

    private enum State { HUNTING, IN_SYNC, SKIPPING }

    private final ParserCounters<MongoCounter> counters;
    private final MongoDecoder decoder;
    private State state = State.HUNTING;
    private int remaining;

    MongoFramer(ParserCounters<MongoCounter> counters, MongoDecoder decoder) {
        this.counters = counters;
        this.decoder = decoder;
    }

    /**
     * Consumes what it can of {@code [offset, offset + length)}, handing each message found to
     * {@code out}.
     *
     * @return bytes consumed
     */
    int feed(byte[] b, int offset, int length, int limit, java.util.function.Consumer<MongoMessage> out) {
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            if (state == State.SKIPPING) {
                int n = Math.min(remaining, end - pos);
                pos += n;
                remaining -= n;
                if (remaining == 0) state = State.IN_SYNC;
                continue;
            }
            int visible = end - pos;
            if (visible < MongoWire.HEADER_LENGTH) break;
            boolean hunting = state == State.HUNTING;
            if (!MongoWire.isHeader(b, pos) || (hunting && !MongoWire.isPlausibleBody(b, pos, end))) {
                if (!hunting) counters.increment(MongoCounter.BAD_HEADER);
                state = State.HUNTING;
                counters.increment(MongoCounter.RESYNC_SKIPPED_BYTES);
                pos++;
                continue;
            }
            int messageLength = MongoWire.messageLength(b, pos);
            // A message that may be held whole is decoded whole (its document sequences too).
            if (visible < messageLength && messageLength <= MAX_HELD) break;
            MongoMessage message = decoder.decode(b, pos, visible, messageLength, limit);
            if (message == null && decoder.needMore()) {
                if (visible < MAX_HELD) break; // wait: the engine keeps these bytes
                if (!hunting) {
                    counters.increment(MongoCounter.TOO_LARGE);
                    message = MongoMessage.headerOnly(new MongoOpcode(MongoWire.opcode(b, pos)),
                            MongoWire.requestId(b, pos), MongoWire.responseTo(b, pos), null, messageLength);
                }
            }
            if (message == null) {
                if (hunting) { // a false start
                    counters.increment(MongoCounter.RESYNC_SKIPPED_BYTES);
                    pos++;
                } else { // in step: the length is trusted, the message was bad
                    if (decoder.problem() != null) counters.increment(decoder.problem());
                    pos = step(pos, end, messageLength);
                }
                continue;
            }
            if (decoder.problem() != null) counters.increment(decoder.problem());
            counters.increment(MongoCounter.MESSAGES);
            state = State.IN_SYNC;
            out.accept(message);
            pos = step(pos, end, messageLength);
        }
        return pos - offset;
    }

    /** Past the message at {@code pos}, or to {@code end} with the rest left to skip. */
    private int step(int pos, int end, int messageLength) {
        if (end - pos >= messageLength) return pos + messageLength;
        remaining = messageLength - (end - pos);
        state = State.SKIPPING;
        return end;
    }

    /** Bytes were lost: inside a message being skipped they only shorten it; else look afresh. */
    void gap(int missingBytes) {
        if (state == State.SKIPPING && missingBytes >= 0 && missingBytes < remaining) {
            remaining -= missingBytes;
            return;
        }
        if (state == State.SKIPPING && missingBytes == remaining) {
            state = State.IN_SYNC;
            remaining = 0;
            return;
        }
        state = State.HUNTING;
        remaining = 0;
    }

    boolean inSync() {
        return state != State.HUNTING;
    }
}
