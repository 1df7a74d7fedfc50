package io.wirespan.engine.protocol.http2;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The open streams of a connection: an open-addressing map from stream id to {@link Http2Stream}
 * that starts small and grows to twice its bound. When full, {@link #oldestIfFull} names the
 * oldest stream for the caller to close out and remove. Removed streams may be kept for reuse,
 * so a busy connection allocates no stream objects.
 */
final class StreamTable {
    private static final int INITIAL_SLOTS = 16;

    private final int limit;
    private int[] ids = new int[INITIAL_SLOTS];
    private Http2Stream[] streams = new Http2Stream[INITIAL_SLOTS];
    private int mask = INITIAL_SLOTS - 1;
    private Http2Stream[] free = new Http2Stream[4];
    private int freeCount;
    private int size;
    private long nextOrder;

    StreamTable(int limit) {
        this.limit = limit;
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
        if ((size + 1) * 2 > streams.length) grow();
        Http2Stream stream = freeCount > 0 ? free[--freeCount] : new Http2Stream();
        stream.init(id, nextOrder++);
        insert(id, stream);
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
        if (reuse && freeCount < limit) {
            if (freeCount == free.length) free = Arrays.copyOf(free, Math.min(limit, free.length * 2));
            free[freeCount++] = stream;
        }
    }

    /** Every stream, oldest first, from a snapshot: the action may remove streams. */
    void forEachOldestFirst(Consumer<Http2Stream> action) {
        Http2Stream[] open = new Http2Stream[size];
        int n = 0;
        for (Http2Stream s : streams) if (s != null) open[n++] = s;
        Arrays.sort(open, 0, n, (a, b) -> Long.compare(a.order, b.order));
        for (int k = 0; k < n; k++) action.accept(open[k]);
    }

    private void grow() {
        int[] oldIds = ids;
        Http2Stream[] oldStreams = streams;
        ids = new int[oldIds.length * 2];
        streams = new Http2Stream[oldStreams.length * 2];
        mask = streams.length - 1;
        for (int i = 0; i < oldStreams.length; i++) {
            if (oldStreams[i] != null) insert(oldIds[i], oldStreams[i]);
        }
    }

    private void insert(int id, Http2Stream stream) {
        int i = slot(id);
        while (streams[i] != null) i = (i + 1) & mask;
        ids[i] = id;
        streams[i] = stream;
    }

    private int slot(int id) {
        int h = id * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
