package io.wirespan.engine.flow;

/**
 * Where a flow is in its life. TCP flows follow the flags they carry; UDP flows are
 * {@link #ESTABLISHED} from their first datagram until they go idle.
 */
public enum FlowState {
    /** A SYN or SYN+ACK was seen and the handshake has not completed. */
    OPENING,
    /** Handshake completed, data seen, or the capture joined the connection mid-stream. */
    ESTABLISHED,
    /** One side sent a FIN. */
    CLOSING,
    /** Both sides sent a FIN; the flow lingers briefly so late ACKs and retransmissions stay in it. */
    CLOSED_FIN,
    /** A RST was seen; the flow lingers like {@link #CLOSED_FIN}. */
    CLOSED_RST
}
