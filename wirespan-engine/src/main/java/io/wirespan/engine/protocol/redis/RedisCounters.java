package io.wirespan.engine.protocol.redis;

/** What one Redis parser read, skipped or could not read. */
final class RedisCounters {
    private final long[] malformed = new long[RedisMalformed.values().length];
    private long skippedBytes;
    private long commands;
    private long replies;
    private long unpaired;
    private long pushes;

    void malformed(RedisMalformed reason) {
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

    void countPush() {
        pushes++;
    }

    long count(RedisMalformed reason) {
        return malformed[reason.ordinal()];
    }

    long totalMalformed() {
        long total = 0;
        for (long n : malformed) total += n;
        return total;
    }

    /** Bytes skipped while looking for a CRLF and a type byte ({@code redis.resync_skipped_bytes}). */
    long skippedBytes() {
        return skippedBytes;
    }

    /** Commands emitted as requests. */
    long commands() {
        return commands;
    }

    /** Replies emitted as responses. */
    long replies() {
        return replies;
    }

    /** Replies dropped because no request was waiting for them (a capture started mid-flow, a gap). */
    long unpaired() {
        return unpaired;
    }

    /** Out-of-band RESP3 pushes and pub/sub messages, not paired with requests. */
    long pushes() {
        return pushes;
    }
}
