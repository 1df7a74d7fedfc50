package io.wirespan.engine.flow;

/**
 * Why a flow ended. A flow already closed by FIN or RST reports {@link #FIN} or {@link #RST} whatever
 * removes it afterwards (end of its linger, eviction, a new SYN, end of input); the other reasons
 * are for flows still open.
 */
public enum FlowEndReason {
    /** Both sides sent a FIN. */
    FIN,
    /** A RST was seen. */
    RST,
    /** No packet for the timeout of the flow's state. */
    IDLE_TIMEOUT,
    /** Removed to make room at the table's flow limit. */
    EVICTED,
    /** A SYN opened a new connection on the same 5-tuple while this one was still open. */
    PORT_REUSE,
    /** {@link FlowTable#flushAll} at the end of the input. */
    END_OF_INPUT
}
