package io.wirespan.engine.tcp;

/**
 * A snapshot of reassembly counters, summed over every direction of every flow of a table.
 *
 * @param dataSegments segments carrying payload
 * @param deliveredBytes bytes handed on in order
 * @param retransmittedBytes payload bytes dropped because they were already delivered or already
 *     buffered (retransmissions, overlaps; the first copy wins)
 * @param keepAlives one-byte keep-alive / window probes at the expected sequence number minus one,
 *     not delivered
 * @param outOfOrderSegments segments (or pieces of segments) copied into a buffer
 * @param outOfOrderBytes bytes copied into buffers
 * @param gaps holes given up on, reported as gaps
 * @param gapBytes bytes missing in those holes
 * @param bufferedBytes out-of-order bytes held right now
 */
public record ReassemblyStats(
        long dataSegments,
        long deliveredBytes,
        long retransmittedBytes,
        long keepAlives,
        long outOfOrderSegments,
        long outOfOrderBytes,
        long gaps,
        long gapBytes,
        long gapsOnAck,
        long gapsOnTimeout,
        long gapsOnLimit,
        long gapsOnBudget,
        long gapsOnClose,
        long gapsOnTruncation,
        long bufferedBytes) {

    /** Both counters summed: the shards of one pipeline. */
    public ReassemblyStats plus(ReassemblyStats o) {
        return new ReassemblyStats(
                dataSegments + o.dataSegments, deliveredBytes + o.deliveredBytes,
                retransmittedBytes + o.retransmittedBytes, keepAlives + o.keepAlives,
                outOfOrderSegments + o.outOfOrderSegments, outOfOrderBytes + o.outOfOrderBytes, gaps + o.gaps,
                gapBytes + o.gapBytes, gapsOnAck + o.gapsOnAck, gapsOnTimeout + o.gapsOnTimeout,
                gapsOnLimit + o.gapsOnLimit, gapsOnBudget + o.gapsOnBudget, gapsOnClose + o.gapsOnClose,
                gapsOnTruncation + o.gapsOnTruncation, bufferedBytes + o.bufferedBytes);
    }
}
