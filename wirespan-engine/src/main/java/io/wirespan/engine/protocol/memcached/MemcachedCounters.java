package io.wirespan.engine.protocol.memcached;

/** What one memcached parser read, skipped or could not read. */
final class MemcachedCounters {
    private final long[] malformed = new long[MemcachedMalformed.values().length];
    private long skippedBytes;
    private long commands;
    private long replies;
    private long unpaired;

    void malformed(MemcachedMalformed reason) {
        malformed[reason.ordinal()]++;
    }

    void skipped(long bytes) {
        skippedBytes += bytes;
    }

    void countCommand() {
        commands++;
    }

    void countReply() {
        replies++;
    }

    void countUnpaired() {
        unpaired++;
    }

    long count(MemcachedMalformed reason) {
        return malformed[reason.ordinal()];
    }

    long totalMalformed() {
        long total = 0;
        for (long n : malformed) total += n;
        return total;
    }

    /** Bytes skipped to get back in step after a gap or a bad header. */
    long skippedBytes() {
        return skippedBytes;
    }

    long commands() {
        return commands;
    }

    long replies() {
        return replies;
    }

    /** Text replies dropped because no command was waiting for them. */
    long unpaired() {
        return unpaired;
    }
}
