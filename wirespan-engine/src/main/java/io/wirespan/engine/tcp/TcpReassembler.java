package io.wirespan.engine.tcp;

import io.wirespan.engine.decode.DecodedPacket;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns the segments of one TCP direction into an in-order byte stream for a {@link StreamSink}.
 *
 * <p>A segment that starts at the expected sequence number is handed on as a view of the packet,
 * without a copy; bytes already delivered are trimmed (retransmissions, overlaps: the first copy
 * wins). A segment after a hole is copied into a list sorted by sequence number and delivered when
 * the hole fills. A hole is given up on, and reported with {@link StreamSink#onGap}, when the peer
 * acknowledges data past it, when it stays open longer than the hole timeout, when the direction's
 * buffer or the shared budget is full, or when the flow ends. Bytes the capture's snap length cut
 * off are skipped as a gap as soon as the stream reaches them. Sequence numbers compare modulo 2^32.
 *
 * <p>The stream starts at the SYN (which takes one sequence number) or, for a capture that starts
 * mid-connection, at the first pure ACK or data segment; data that arrives later with a lower
 * sequence number is treated as a retransmission, as Wireshark's "Follow TCP Stream" does. A
 * keep-alive (one below the next sequence number, empty or with one byte) never starts or
 * shifts the stream.
 *
 * <p>Single-threaded; one instance per direction of a flow.
 */
public final class TcpReassembler {
    private final ReassemblyConfig config;
    private final ReassemblyBudget budget;
    private final ReassemblyCounters counters;
    private final StreamSink sink;

    private boolean synced;
    /** Started on a pure ACK and no data seen yet. */
    private boolean tentative;
    private int nextSeq;
    private boolean finSeen;
    private int finSeq;
    private boolean peerAckSeen;
    private int peerAck;

    /** Out-of-order data, sorted by sequence number, never overlapping, all after {@link #nextSeq}. */
    private Segment head;
    private int bufferedBytes;
    private int bufferedSegments;
    /** Arrival time of the oldest segment waiting behind the first hole. */
    private long waitingSinceMicros;

    public TcpReassembler(ReassemblyConfig config, ReassemblyBudget budget, ReassemblyCounters counters, StreamSink sink) {
        this.config = Objects.requireNonNull(config, "config");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** One fully captured segment of this direction. */
    public void onSegment(int seq, int flags, byte[] data, int offset, int length, long timestampMicros) {
        onSegment(seq, flags, data, offset, length, 0, timestampMicros);
    }

    /**
     * One segment of this direction.
     *
     * @param flags TCP flag bits as in {@link DecodedPacket} (only SYN and FIN matter here)
     * @param uncaptured bytes of the segment after {@code length} that the capture's snap length
     *     cut off ({@link DecodedPacket#missingBytes()}): they will never arrive, so once the stream
     *     reaches them they are skipped as a gap at once
     */
    public void onSegment(int seq, int flags, byte[] data, int offset, int length, int uncaptured, long timestampMicros) {
        if ((flags & DecodedPacket.SYN) != 0) {
            if (!synced) {
                synced = true;
                nextSeq = seq + 1;
            }
            seq++; // the SYN takes one sequence number; data on a SYN (TCP Fast Open) follows it
        }
        if ((flags & DecodedPacket.FIN) != 0 && !finSeen) {
            finSeen = true;
            finSeq = seq + length + uncaptured;
        }
        if (length <= 0 && uncaptured <= 0) {
            if (!synced && (flags & (DecodedPacket.ACK | DecodedPacket.FIN | DecodedPacket.RST)) == DecodedPacket.ACK) {
                // Mid-stream, a pure ACK carries the sender's next sequence number: start there (as
                // Wireshark does), so data reordered right after it is not lost. Tentatively: a
                // keep-alive is sent at that number minus one.
                synced = true;
                tentative = true;
                nextSeq = peerAckSeen && seq == peerAck - 1 ? peerAck : seq;
            }
            return;
        }
        counters.dataSegments++;
        if (!synced) {
            // Mid-stream start. A keep-alive carries one old byte just below what the peer acked:
            // starting the stream on it would put a phantom byte in front of the real data.
            if (length == 1 && peerAckSeen && seq == peerAck - 1) {
                counters.keepAlives++;
                return;
            }
            synced = true;
            nextSeq = seq;
        } else if (tentative && seq == nextSeq + 1) {
            nextSeq = seq; // the pure ACK we started on was a keep-alive
        }
        tentative = false;
        if (length > 0) accept(seq, data, offset, length, timestampMicros);
        if (uncaptured > 0 && nextSeq == seq + length) {
            nextSeq += uncaptured;
            reportGap(uncaptured, GapCause.TRUNCATED, timestampMicros);
            drain();
        }
    }

    /**
     * The acknowledgement number the other direction just carried. Data the peer acknowledged was
     * received by it: if it sits in a hole here, the capture lost it, so the hole is skipped now.
     */
    public void onPeerAck(int ack, long timestampMicros) {
        if (!peerAckSeen || Seq.gt(ack, peerAck)) {
            peerAck = ack;
            peerAckSeen = true;
        }
        while (head != null && Seq.ge(ack, head.seq)) {
            skipFirstHole(GapCause.ACK, timestampMicros);
        }
    }

    /** Skips holes that have kept data waiting longer than the hole timeout of packet time. */
    public void checkTimeout(long nowMicros) {
        while (head != null && nowMicros - waitingSinceMicros > config.holeTimeoutMicros()) {
            skipFirstHole(GapCause.TIMEOUT, nowMicros);
        }
    }

    /**
     * End of the stream: delivers everything buffered, reporting the holes in front of it, and
     * reports bytes known to be missing before a FIN. Nothing stays buffered afterwards.
     */
    public void flush(long timestampMicros) {
        while (head != null) {
            skipFirstHole(GapCause.CLOSE, timestampMicros);
        }
        if (finSeen && synced && Seq.lt(nextSeq, finSeq)) {
            int missing = finSeq - nextSeq;
            nextSeq = finSeq;
            reportGap(missing, GapCause.CLOSE, timestampMicros);
        }
    }

    /** True once the stream has a start (a SYN, a pure ACK or a first data segment). */
    public boolean isSynchronized() { return synced; }

    /** The sequence number of the next byte to deliver; meaningful once synchronized. */
    public int nextSeq() { return nextSeq; }

    public boolean hasBuffered() { return head != null; }

    public int bufferedBytes() { return bufferedBytes; }

    public int bufferedSegments() { return bufferedSegments; }

    public boolean finSeen() { return finSeen; }

    /** Every byte up to this direction's FIN was delivered (or reported missing): nothing more can come. */
    public boolean finished() { return finSeen && synced && head == null && nextSeq == finSeq; }

    private void accept(int seq, byte[] data, int offset, int length, long ts) {
        while (true) {
            int behind = nextSeq - seq;
            if (behind > 0) {
                if (behind >= length) {
                    if (length == 1 && behind == 1) {
                        counters.keepAlives++;
                    } else {
                        counters.retransmittedBytes += length;
                    }
                    return;
                }
                counters.retransmittedBytes += behind;
                seq = nextSeq;
                offset += behind;
                length -= behind;
            }
            if (seq == nextSeq) {
                deliver(data, offset, length, ts);
                drain();
                return;
            }
            GapCause refused = tryBuffer(seq, data, offset, length, ts);
            if (refused == null) {
                return;
            }
            if (head == null) {
                // Nothing of ours to give up: jump straight to this segment, delivered next round.
                int missing = seq - nextSeq;
                nextSeq = seq;
                reportGap(missing, refused, ts);
            } else {
                skipFirstHole(refused, ts);
            }
        }
    }

    private void deliver(byte[] data, int offset, int length, long ts) {
        nextSeq += length;
        counters.deliveredBytes += length;
        sink.onData(data, offset, length, ts);
    }

    /** Delivers buffered segments that the stream has reached. */
    private void drain() {
        boolean removed = false;
        while (head != null && Seq.le(head.seq, nextSeq)) {
            Segment s = head;
            head = s.next;
            bufferedBytes -= s.length;
            bufferedSegments--;
            budget.release(s.length);
            removed = true;
            int behind = nextSeq - s.seq;
            if (behind < s.length) {
                counters.retransmittedBytes += behind;
                deliver(s.data, behind, s.length - behind, s.timestampMicros);
            } else {
                counters.retransmittedBytes += s.length;
            }
        }
        if (removed && head != null) {
            waitingSinceMicros = oldestArrival();
        }
    }

    private void skipFirstHole(GapCause cause, long ts) {
        int missing = head.seq - nextSeq;
        nextSeq = head.seq;
        reportGap(missing, cause, ts);
        drain();
    }

    private void reportGap(int missing, GapCause cause, long ts) {
        counters.gap(cause, missing);
        sink.onGap(missing, ts);
    }

    /** Buffers an out-of-order segment, or says which bound refused it. */
    private GapCause tryBuffer(int seq, byte[] data, int offset, int length, long ts) {
        if (length > config.maxBufferedBytesPerDirection() - bufferedBytes
                || bufferedSegments >= config.maxBufferedSegmentsPerDirection()) {
            return GapCause.LIMIT;
        }
        if (!budget.tryReserve(length)) {
            return GapCause.BUDGET;
        }
        boolean wasEmpty = head == null;
        int stored = insert(seq, data, offset, length, ts);
        budget.release(length - stored);
        if (wasEmpty && head != null) {
            waitingSinceMicros = ts;
        }
        return null;
    }

    /** Copies the parts of [seq, seq+length) not buffered yet into the sorted list; returns bytes stored. */
    private int insert(int seq, byte[] data, int offset, int length, long ts) {
        int end = seq + length;
        int from = seq;
        int stored = 0;
        Segment prev = null;
        Segment cur = head;
        while (cur != null && Seq.lt(from, end)) {
            int curEnd = cur.seq + cur.length;
            if (Seq.lt(from, cur.seq)) {
                int pieceEnd = Seq.lt(end, cur.seq) ? end : cur.seq;
                prev = link(prev, cur, from, data, offset + (from - seq), pieceEnd - from, ts);
                stored += pieceEnd - from;
                from = pieceEnd;
            } else {
                if (Seq.lt(from, curEnd)) {
                    // Already buffered bytes win over a later copy of them.
                    int coveredEnd = Seq.lt(end, curEnd) ? end : curEnd;
                    counters.retransmittedBytes += coveredEnd - from;
                    from = coveredEnd;
                }
                prev = cur;
                cur = cur.next;
            }
        }
        if (Seq.lt(from, end)) {
            link(prev, null, from, data, offset + (from - seq), end - from, ts);
            stored += end - from;
        }
        return stored;
    }

    private Segment link(Segment prev, Segment next, int seq, byte[] data, int offset, int length, long ts) {
        Segment s = new Segment(seq, Arrays.copyOfRange(data, offset, offset + length), ts);
        s.next = next;
        if (prev == null) {
            head = s;
        } else {
            prev.next = s;
        }
        bufferedBytes += length;
        bufferedSegments++;
        counters.outOfOrderSegments++;
        counters.outOfOrderBytes += length;
        return s;
    }

    private long oldestArrival() {
        long oldest = Long.MAX_VALUE;
        for (Segment s = head; s != null; s = s.next) {
            oldest = Math.min(oldest, s.timestampMicros);
        }
        return oldest;
    }

    /** A copied out-of-order segment. */
    private static final class Segment {
        final int seq;
        final int length;
        final byte[] data;
        final long timestampMicros;
        Segment next;

        Segment(int seq, byte[] data, long timestampMicros) {
            this.seq = seq;
            this.length = data.length;
            this.data = data;
            this.timestampMicros = timestampMicros;
        }
    }
}
