package io.wirespan.engine.protocol.http2;

/**
 * HPACK's dynamic table (RFC 7541 §2.3.2, §4): a ring of entries, newest first, with the size
 * accounting of §4.1 (name + value + 32 octets) and eviction of the oldest entries when an insert
 * or a smaller maximum needs room (§4.3, §4.4).
 *
 * <p>An entry whose name is unknown (inserted by a literal that named an entry this observer never
 * saw) keeps its place, so that the indexes of later entries stay right.
 */
final class HpackDynamicTable {
    static final int ENTRY_OVERHEAD = 32;

    /** One entry. {@code name} is null when unknown; the arrays are never modified. */
    static final class Entry {
        final String name;
        final byte[] nameBytes;
        final byte[] value;
        final int size;

        Entry(String name, byte[] nameBytes, byte[] value) {
            this.name = name;
            this.nameBytes = nameBytes;
            this.value = value;
            this.size = (nameBytes == null ? 0 : nameBytes.length) + value.length + ENTRY_OVERHEAD;
        }
    }

    private Entry[] ring = new Entry[16];
    private int newest = -1; // ring position of entry 1
    private int count;
    private long size;
    private int capacity;

    HpackDynamicTable(int capacity) {
        this.capacity = capacity;
    }

    int count() {
        return count;
    }

    long size() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    /** Entry {@code index} (1 = newest), or null past the last one. */
    Entry get(int index) {
        if (index < 1 || index > count) return null;
        return ring[(newest - index + 1) & (ring.length - 1)];
    }

    /** Inserts at the front, evicting from the back; an entry larger than the table empties it (§4.4). */
    void add(Entry entry) {
        if (entry.size > capacity) {
            clear();
            return;
        }
        while (size + entry.size > capacity) evictOldest();
        if (count == ring.length) grow();
        newest = (newest + 1) & (ring.length - 1);
        ring[newest] = entry;
        count++;
        size += entry.size;
    }

    /** A new maximum size (§4.3): entries are evicted until the table fits. */
    void setCapacity(int newCapacity) {
        capacity = newCapacity;
        while (size > capacity) evictOldest();
    }

    void clear() {
        java.util.Arrays.fill(ring, null);
        newest = -1;
        count = 0;
        size = 0;
    }

    private void evictOldest() {
        int oldest = (newest - count + 1) & (ring.length - 1);
        size -= ring[oldest].size;
        ring[oldest] = null;
        count--;
    }

    private void grow() {
        Entry[] bigger = new Entry[ring.length * 2];
        for (int i = 0; i < count; i++) {
            // oldest first, so the newest lands at count - 1
            bigger[i] = ring[(newest - count + 1 + i) & (ring.length - 1)];
        }
        ring = bigger;
        newest = count - 1;
    }
}
