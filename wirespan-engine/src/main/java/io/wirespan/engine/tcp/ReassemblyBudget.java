package io.wirespan.engine.tcp;

/**
 * Out-of-order bytes held by all reassemblers of one flow table, against one limit. Single-threaded,
 * like the table that owns it. When it is exhausted a reassembler gives up its own oldest hole
 * instead of buffering more, so the budget never blocks delivery.
 */
public final class ReassemblyBudget {
    private final long limitBytes;
    private long usedBytes;

    public ReassemblyBudget(long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("limitBytes: " + limitBytes + " (expected: >= 0)");
        }
        this.limitBytes = limitBytes;
    }

    boolean tryReserve(int bytes) {
        if (bytes > limitBytes - usedBytes) {
            return false;
        }
        usedBytes += bytes;
        return true;
    }

    void release(int bytes) {
        usedBytes -= bytes;
    }

    public long limitBytes() { return limitBytes; }

    public long usedBytes() { return usedBytes; }
}
