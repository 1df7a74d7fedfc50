package io.wirespan.engine.protocol;

import java.util.Arrays;

/**
 * The bytes of one direction a parser has not consumed yet, with the capture time of the first of
 * them. Grows on demand up to a bound; kept only while a message is incomplete.
 */
final class HeldBytes {
    private static final byte[] NONE = {};

    private byte[] bytes = NONE;
    private int length;
    private long firstByteMicros;

    boolean isEmpty() { return length == 0; }
    int length() { return length; }
    byte[] bytes() { return bytes; }
    long firstByteMicros() { return firstByteMicros; }

    /** Appends; false (and nothing kept) when the result would exceed {@code limit}. */
    boolean append(byte[] data, int offset, int count, long timestampMicros, int limit) {
        if ((long) length + count > limit) {
            clear();
            return false;
        }
        if (length == 0) firstByteMicros = timestampMicros;
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(length + count, bytes.length * 2 + 256)));
        }
        System.arraycopy(data, offset, bytes, length, count);
        length += count;
        return true;
    }

    /**
     * Drops the first {@code consumed} bytes. When the rest all arrived in the latest chunk of
     * {@code latestChunkLength} bytes, their first byte's time is that chunk's.
     */
    void consume(int consumed, int latestChunkLength, long latestMicros) {
        if (consumed <= 0) return;
        System.arraycopy(bytes, consumed, bytes, 0, length - consumed);
        length -= consumed;
        if (length <= latestChunkLength) firstByteMicros = latestMicros;
    }

    /** Empties and lets the buffer go. */
    void release() {
        length = 0;
        bytes = NONE;
    }

    void clear() {
        length = 0;
        if (bytes.length > 64 * 1024) bytes = new byte[0]; // a large header once need not stay allocated
    }
}
