package io.wirespan.engine.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A sliding window over a capture stream, held in one reusable array. A reader asks for the next
 * {@code n} bytes with {@link #request}, reads them in place at {@link #start()} and then
 * {@link #consume}s them. The window is compacted and refilled only when a record straddles the
 * end of the array, and grows only when one record is bigger than the whole array, so a frame is
 * read from the channel once and never copied again, and a file of any size streams through.
 */
final class ChannelInput implements AutoCloseable {
    static final int DEFAULT_CAPACITY = 1 << 20;
    /** The most any single record or block may need; readers reject larger claims first. */
    static final int MAX_RECORD = 64 << 20;
    private static final int MIN_CAPACITY = 4096;

    private final String name;
    private final ReadableByteChannel channel;
    private final long size;
    private byte[] buffer;
    private ByteBuffer readView;
    private int start;
    private int end;
    private long bufferOffset;
    private boolean endOfInput;

    ChannelInput(String name, ReadableByteChannel channel, long size, int capacity) {
        if (capacity < 1 || capacity > MAX_RECORD) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: 1.." + MAX_RECORD + ")");
        }
        this.name = name;
        this.channel = channel;
        this.size = size;
        this.buffer = new byte[capacity];
        this.readView = ByteBuffer.wrap(buffer);
    }

    /** A buffer no bigger than the input when its size is known: small files cost little. */
    static int capacityFor(long size) {
        if (size < 0 || size >= DEFAULT_CAPACITY) {
            return DEFAULT_CAPACITY;
        }
        return Math.max(MIN_CAPACITY, (int) size);
    }

    String name() { return name; }

    long size() { return size; }

    /** Stream offset of {@link #start()}: the bytes consumed so far. */
    long position() { return bufferOffset + start; }

    byte[] buffer() { return buffer; }

    /** Index in {@link #buffer()} of the first unconsumed byte. */
    int start() { return start; }

    int available() { return end - start; }

    /**
     * Makes {@code length} bytes available from {@link #start()}. The buffer may be replaced or
     * compacted, so fetch {@link #buffer()} and {@link #start()} again afterwards.
     *
     * @return false when the input ends first; {@link #available()} then tells how much is left
     */
    boolean request(int length) throws IOException {
        return end - start >= length || fill(length);
    }

    void consume(int length) {
        start += length;
    }

    /**
     * Consumes up to {@code count} bytes without keeping them, so a big block that nobody reads
     * does not grow the buffer.
     *
     * @return the bytes consumed, fewer than {@code count} only at the end of the input
     */
    long skip(long count) throws IOException {
        long skipped = 0;
        while (true) {
            int step = (int) Math.min(count - skipped, end - start);
            start += step;
            skipped += step;
            if (skipped == count || endOfInput) {
                return skipped;
            }
            bufferOffset += end;
            start = 0;
            end = 0;
            readMore();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Closes the channel when opening failed, keeping {@code failure} as the error to report. */
    void closeAfter(Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private boolean fill(int length) throws IOException {
        if (length > MAX_RECORD) {
            throw new IllegalArgumentException("length: " + length + " (expected: <= " + MAX_RECORD + ")");
        }
        if (buffer.length - start < length && start > 0) {
            compact();
        }
        while (end - start < length) {
            if (endOfInput) {
                return false;
            }
            if (end == buffer.length) {
                // Grow by doubling once the buffer is full of real data, never straight to the
                // claimed length: a hostile length in a short file costs at most twice its size.
                grow((int) Math.min(length, Math.max(2L * buffer.length, MIN_CAPACITY)));
            }
            readMore();
        }
        return true;
    }

    private void compact() {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        bufferOffset += start;
        end -= start;
        start = 0;
    }

    private void grow(int capacity) {
        byte[] bigger = new byte[capacity];
        System.arraycopy(buffer, start, bigger, 0, end - start);
        bufferOffset += start;
        end -= start;
        start = 0;
        buffer = bigger;
        readView = ByteBuffer.wrap(bigger);
    }

    private void readMore() throws IOException {
        readView.limit(buffer.length).position(end);
        int read = channel.read(readView);
        if (read < 0) {
            endOfInput = true;
        } else {
            end += read;
        }
    }
}
