package io.wirespan.engine.tcp;

/**
 * Bounds of TCP reassembly. Only out-of-order data is buffered (in-order data is handed on as a
 * view), so these bound the copies kept while waiting for a hole to fill.
 *
 * @param maxBufferedBytesPerDirection out-of-order bytes one direction may hold; 0 turns buffering
 *     off, so every hole is reported as a gap as soon as data after it arrives
 * @param maxBufferedSegmentsPerDirection out-of-order segments one direction may hold (checked
 *     before a segment is stored; a segment split around already-buffered data may add a few more)
 * @param maxBufferedBytesTotal out-of-order bytes all flows of one {@code FlowTable} may hold
 *     together (the shared {@link ReassemblyBudget})
 * @param holeTimeoutMicros packet time a hole may stay open while data after it waits, before it is
 *     skipped and reported as a gap
 */
public record ReassemblyConfig(
        int maxBufferedBytesPerDirection,
        int maxBufferedSegmentsPerDirection,
        long maxBufferedBytesTotal,
        long holeTimeoutMicros) {

    public static final ReassemblyConfig DEFAULTS = new ReassemblyConfig(256 * 1024, 256, 64L * 1024 * 1024, 1_000_000L);

    public ReassemblyConfig {
        if (maxBufferedBytesPerDirection < 0) {
            throw new IllegalArgumentException("maxBufferedBytesPerDirection: " + maxBufferedBytesPerDirection + " (expected: >= 0)");
        }
        if (maxBufferedSegmentsPerDirection < 0) {
            throw new IllegalArgumentException("maxBufferedSegmentsPerDirection: " + maxBufferedSegmentsPerDirection + " (expected: >= 0)");
        }
        if (maxBufferedBytesTotal < 0) {
            throw new IllegalArgumentException("maxBufferedBytesTotal: " + maxBufferedBytesTotal + " (expected: >= 0)");
        }
        if (holeTimeoutMicros <= 0) {
            throw new IllegalArgumentException("holeTimeoutMicros: " + holeTimeoutMicros + " (expected: > 0)");
        }
    }
}
