package io.wirespan.engine.tcp;

/** Why a hole in the stream was given up on; each cause has its own counter. */
enum GapCause {
    /** The peer acknowledged data past the hole: the capture lost it, it will not come. */
    ACK,
    /** The hole stayed open longer than {@link ReassemblyConfig#holeTimeoutMicros()} of packet time. */
    TIMEOUT,
    /** The direction's own buffer bound (bytes or segments) was reached. */
    LIMIT,
    /** The budget shared by all flows of the table was exhausted. */
    BUDGET,
    /** The flow ended with the hole still open (or with bytes missing before its FIN). */
    CLOSE,
    /** The segment was cut by the capture's snap length: its tail was never captured. */
    TRUNCATED
}
