package io.wirespan.engine.protocol.dns;

/** What one DNS parser skipped or could not read, by reason. */
final class DnsCounters {
    private final long[] malformed = new long[DnsMalformed.values().length];
    private long skippedBytes;
    private long messages;

    void malformed(DnsMalformed reason) {
        malformed[reason.ordinal()]++;
    }

    void skipped(int bytes) {
        skippedBytes += bytes;
    }

    void message() {
        messages++;
    }

    /** Malformed messages, frames and record sections of one reason. */
    long count(DnsMalformed reason) {
        return malformed[reason.ordinal()];
    }

    long totalMalformed() {
        long total = 0;
        for (long n : malformed) total += n;
        return total;
    }

    /** TCP bytes skipped while looking for a frame start ({@code dns.resync_skipped_bytes}). */
    long skippedBytes() {
        return skippedBytes;
    }

    /** Messages decoded and emitted. */
    long messages() {
        return messages;
    }
}
