package io.wirespan.engine.protocol.http2;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The open streams of a connection: an open-addressing map from stream id to {@link Http2Stream},
 * bounded. When full, {@link #add} hands back the oldest stream, removed, for the caller to close
 * out. Removed streams are kept for reuse, so a busy connection allocates no stream objects.
 */
final class StreamTable {
    private final int limit;
    private final int[] ids;
    private final Http2Stream[] streams;
    private final int mask;
    private final Http2Stream[] free;
    private int freeCount;
    private int size;
    private long nextOrder;

    StreamTable(int limit) {
        this.limit = limit;
        int slots = Integer.highestOneBit(limit * 2 - 1) << 1;
        ids = new int[slots];
        streams = new Http2Stream[slots];
        mask = slots - 1;
        free = new Http2Stream[limit];
    }

    int size() {
        return size;
    }

    Http2Stream get(int id) {
        for (int i = slot(id); streams[i] != null; i = (i + 1) & mask) {
            if (ids[i] == id) return streams[i];
        }
        return null;
    }

    /** The oldest stream when the table is full (to close out and {@link #remove} first), else null. */
    Http2Stream oldestIfFull() {
        if (size < limit) return null;
        Http2Stream oldest = null;
        for (Http2Stream s : streams) {
            if (s != null && (oldest == null || s.order < oldest.order)) oldest = s;
        }
        return oldest;
    }

    /** A new stream; the caller made room with {@link #oldestIfFull} and {@link #remove}. */
    Http2Stream add(int id) {
        if (size >= limit) throw new IllegalStateException("stream table full");
        Http2Stream stream = freeCount > 0 ? free[--freeCount] : new Http2Stream();
        stream.init(id, nextOrder++);
        int i = slot(id);
        while (streams[i] != null) i = (i + 1) & mask;
        ids[i] = id;
        streams[i] = stream;
        size++;
        return stream;
    }

    /**
     * Removes a stream (if still there); {@code reuse} keeps the object for a later {@link #add},
     * so the caller must hold no reference to it.
     */
    void remove(Http2Stream stream, boolean reuse) {
        int i = slot(stream.id);
        while (streams[i] != null && streams[i] != stream) i = (i + 1) & mask;
        if (streams[i] == null) return;
        streams[i] = null;
        size--;
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        for (int j = (i + 1) & mask; streams[j] != null; j = (j + 1) & mask) {
            int home = slot(ids[j]);
            boolean movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
            if (movable) {
                ids[i] = ids[j];
                streams[i] = streams[j];
                streams[j] = null;
                i = j;
            }
        }
        if (reuse && freeCount < free.length) free[freeCount++] = stream;
    }

    /** Every stream, oldest first; the action may not change the table. */
    void forEachOldestFirst(Consumer<Http2Stream> action) {
        Http2Stream[] open = new Http2Stream[size];
        int n = 0;
        for (Http2Stream s : streams) if (s != null) open[n++] = s;
        Arrays.sort(open, 0, n, (a, b) -> Long.compare(a.order, b.order));
        for (int k = 0; k < n; k++) action.accept(open[k]);
    }

    private int slot(int id) {
        int h = id * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
