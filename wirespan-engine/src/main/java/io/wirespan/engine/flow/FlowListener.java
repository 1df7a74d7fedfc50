package io.wirespan.engine.flow;

import io.wirespan.api.Direction;

/**
 * The next stage behind a {@link FlowTable} (the L7 protocol engine). Calls come from the table's
 * single worker thread, in packet order; directions are relative to the flow's current client
 * ({@link Flow#swapSides()} changes them for later calls).
 */
public interface FlowListener {
    /** A new flow, called before its first packet is delivered. */
    void onFlowStart(Flow flow, long timestampMicros);

    /**
     * In-order payload: a TCP stream piece (with its segment's timestamp) or one whole UDP
     * datagram. The bytes are a view valid only during the call; copy what must outlive it.
     */
    void onPayload(Flow flow, Direction direction, byte[] data, int offset, int length, long timestampMicros);

    /**
     * TCP reassembly skipped {@code missingBytes} that will never come; the payload that follows
     * starts after the hole, so a parser should drop a partial message and resynchronise.
     */
    void onGap(Flow flow, Direction direction, int missingBytes, long timestampMicros);

    /**
     * Both directions of a TCP flow were delivered up to their FINs: no payload will follow. The
     * flow lingers in the table (for late ACKs and retransmissions) until {@link #onFlowEnd}, so a
     * listener can let go of what it keeps per flow now rather than then.
     */
    default void onFlowClosed(Flow flow, long timestampMicros) {}

    /** Packet time moved on to {@code nowMicros} with no packet (a live capture's quiet moment). */
    default void onTimePassed(long nowMicros) {}

    /** The flow ended; every byte it had buffered was delivered (or reported as a gap) before. */
    void onFlowEnd(Flow flow, FlowEndReason reason, long timestampMicros);
}
