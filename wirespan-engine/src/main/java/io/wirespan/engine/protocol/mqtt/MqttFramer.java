package io.wirespan.engine.protocol.mqtt;

import static io.wirespan.engine.protocol.mqtt.MqttWire.*;

import io.wirespan.engine.protocol.ParserCounters;

/**
 * Cuts one direction of a flow into control packets by their fixed header (MQTT 3.1.1 §2.2,
 * 5.0 §2.1). Resumable: it consumes nothing of a header or packet head it cannot finish, and the
 * engine offers those bytes again. A packet's first {@link #HEAD_LIMIT} bytes are handed over
 * whole; the rest (a long PUBLISH message) is skipped as it arrives.
 *
 * <pre>
 *  IN_SYNC ──invalid first byte, 5-byte length, undecodable packet, gap──► HUNTING
 *     ▲                                                                      │
 *     └── a plausible header whose packet ends at the data's end or before ──┘
 *         another valid first byte (or a long PUBLISH with a plausible topic)
 * </pre>
 */
final class MqttFramer {
    /** The most bytes of one packet held at once. */
    static final int HEAD_LIMIT = 4096;

    /** Receives each packet: its first byte, remaining length, and its first bytes {@code data[from..to)}. */
    interface Handler {
        /** @return false when the packet did not decode (the framer then hunts for the next one) */
        boolean packet(int first, int remaining, byte[] data, int from, int to, int wireBytes);
    }

    private final ParserCounters<MqttCounter> counters;
    private boolean hunting;
    private int skip;

    MqttFramer(ParserCounters<MqttCounter> counters) {
        this.counters = counters;
    }

    /** Frames what it can of {@code data[offset..offset+length)}; returns the bytes consumed. */
    int frame(byte[] data, int offset, int length, boolean allowV5, Handler handler) {
        int at = offset, end = offset + length;
        while (true) {
            if (skip > 0) {
                int n = Math.min(skip, end - at);
                at += n;
                skip -= n;
                if (skip > 0) return at - offset;
            }
            if (at >= end) return at - offset;
            int first = data[at] & 0xFF;
            long length32 = validFirstByte(first) ? varInt(data, at + 1, end) : MALFORMED;
            if (length32 == NEED_MORE) return at - offset;
            if (length32 == MALFORMED) {
                lose();
                at++;
                continue;
            }
            int header = 1 + varIntBytes(length32), remaining = varIntValue(length32);
            int body = at + header;
            if (hunting) {
                int verdict = resyncVerdict(first, remaining, data, body, end, allowV5);
                if (verdict == MORE && end - at < HEAD_LIMIT + 5) return at - offset;
                if (verdict != YES) {
                    at++;
                    counters.increment(MqttCounter.RESYNC_SKIPPED_BYTES);
                    continue;
                }
                hunting = false;
            }
            int head = Math.min(remaining, HEAD_LIMIT);
            if (end - body < head) return at - offset;
            at = body + head;
            skip = remaining - head;
            if (!handler.packet(first, remaining, data, body, body + head, header + remaining)) {
                hunting = true; // the handler counted the packet as malformed
            }
        }
    }

    /** Bytes of this direction were lost: a gap inside a skipped message keeps the framing. */
    void gap(int missingBytes) {
        if (missingBytes >= 0 && missingBytes <= skip) {
            skip -= missingBytes;
            return;
        }
        skip = 0;
        hunting = true;
    }

    boolean hunting() { return hunting; }

    private void lose() {
        if (!hunting) {
            counters.increment(MqttCounter.BAD_HEADERS);
            hunting = true;
        }
        counters.increment(MqttCounter.RESYNC_SKIPPED_BYTES);
    }

    /** While hunting: the candidate is plausible and what follows it confirms it. */
    private static int resyncVerdict(int first, int remaining, byte[] data, int body, int end, boolean allowV5) {
        int verdict = plausible(first, remaining, data, body, end, allowV5);
        if (verdict != YES) return verdict;
        long packetEnd = (long) body + remaining;
        if (packetEnd <= end) {
            return packetEnd == end || validFirstByte(data[(int) packetEnd] & 0xFF) ? YES : NO;
        }
        if (remaining <= HEAD_LIMIT) return MORE;
        return ((first >>> 4) & 0xF) == PUBLISH ? YES : NO;
    }
}
