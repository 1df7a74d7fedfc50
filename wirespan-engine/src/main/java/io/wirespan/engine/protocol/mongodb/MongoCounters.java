package io.wirespan.engine.protocol.mongodb;

/** What one MongoDB parser decoded, skipped or could not read, by reason. */
final class MongoCounters {
    private final long[] malformed = new long[MongoMalformed.values().length];
    private long skippedBytes;
    private long messages;

    void malformed(MongoMalformed reason) {
        malformed[reason.ordinal()]++;
    }

    void skipped(int bytes) {
        skippedBytes += bytes;
    }

    void message() {
        messages++;
    }

    long count(MongoMalformed reason) {
        return malformed[reason.ordinal()];
    }

    long totalMalformed() {
        long total = 0;
        for (long n : malformed) total += n;
        return total;
    }

    /** Bytes skipped while looking for a message start ({@code mongodb.resync_skipped_bytes}). */
    long skippedBytes() {
        return skippedBytes;
    }

    /** Messages decoded and emitted (those reported by header only included). */
    long messages() {
        return messages;
    }
}
