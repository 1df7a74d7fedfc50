package io.wirespan.engine.decode;

import java.util.Arrays;

/**
 * Reassembles IPv4 (RFC 791 §3.2) and IPv6 (RFC 8200 §4.5) fragments, in arrival order of any
 * kind, within a count, a byte and a time bound.
 *
 * <p>A datagram is keyed by version, addresses, identification, tunnel id and, for IPv4 only, the
 * protocol (RFC 8200 §4.5 keys IPv6 on addresses and id, and takes the next header from the
 * offset-0 fragment). Fragment bytes are copied into the datagram's own buffer at their offset, so
 * they outlive the frame; the covered ranges are kept merged and sorted. When the last hole closes
 * the datagram is copied into {@link #datagram()}, one buffer reused for every completion.
 *
 * <p>Overlaps: a fragment whose bytes were all seen, identically, is an exact duplicate and is
 * dropped alone (RFC 8200 §4.5 allows this; captures on both sides of a host produce them). Any other
 * overlap abandons the whole datagram, as RFC 5722 §4 demands for IPv6 and as Linux does for IPv4
 * since 4.19 ("ip: discard IPv4 datagrams with overlapping segments"): the receiver never saw it,
 * so the observer should not invent it.
 *
 * <p>Time is capture time: {@link #expire} drops datagrams older than the timeout, oldest first.
 * Only fragments allocate, and only until the buffers are warm.
 */
final class IpDefragmenter {
    /** {@link #offer} result: the fragment is held. */
    static final int BUFFERED = -1;
    /** {@link #offer} result: the fragment was dropped; see {@link #dropReason()}. */
    static final int DROPPED = -2;

    /** RFC 791 total length and RFC 8200 payload length are 16 bits. */
    static final int MAX_DATAGRAM = 65_535;
    /** Disjoint pieces one datagram may hold; a sane sender needs one, out-of-order a handful. */
    static final int MAX_PIECES = 64;
    private static final int FIRST_BUFFER = 2048;

    private final DecodeStats stats;
    private final long maxBytes;
    private final long timeoutMicros;
    private final Datagram[] slots;
    private final int[] freeSlots;
    private int freeCount;
    private final int[] buckets;
    private int oldest = -1;
    private int newest = -1;
    /** Capacity of the buffers of datagrams in progress (bounded by maxBytes). */
    private long heldBytes;
    /** Capacity of the buffers kept by free slots for reuse (bounded by maxBytes too). */
    private long spareBytes;

    private final byte[] datagram = new byte[MAX_DATAGRAM];
    private int completedProtocol;
    private int completedWireLength;
    private SkipReason dropReason;

    IpDefragmenter(DecodeConfig config, DecodeStats stats) {
        this.stats = stats;
        this.maxBytes = config.fragmentMaxBytes();
        this.timeoutMicros = config.fragmentTimeout().toNanos() / 1000;
        int max = config.fragmentMaxDatagrams();
        this.slots = new Datagram[max];
        this.freeSlots = new int[max];
        for (int i = 0; i < max; i++) freeSlots[i] = max - 1 - i;
        this.freeCount = max;
        this.buckets = new int[Integer.highestOneBit(max * 2 - 1) << 1];
        Arrays.fill(buckets, -1);
    }

    /**
     * Adds one fragment ({@code len} bytes of fragmentable data from {@code b[off]}, which sit at
     * {@code fragOffset} in the datagram).
     *
     * @return the length of the completed datagram now in {@link #datagram()}, {@link #BUFFERED}
     *     or {@link #DROPPED}
     */
    int offer(int version, long srcHi, long srcLo, long dstHi, long dstLo, int id, int protocol, long tunnelId,
              int fragOffset, boolean more, byte[] b, int off, int len, long nowMicros, int wireLength) {
        dropReason = null;
        int end = fragOffset + len;
        // RFC 791 §3.2 / RFC 8200 §4.5: all but the last fragment carry a non-zero multiple of 8 bytes,
        // and nothing may reach past the 16-bit length (the "ping of death").
        if (end > MAX_DATAGRAM || (more && (len == 0 || (len & 7) != 0))) return drop(SkipReason.FRAGMENT_INVALID);

        int keyProtocol = version == 4 ? protocol : -1;
        int bucket = bucketOf(srcLo, dstLo, id, tunnelId);
        int slot = find(bucket, version, srcHi, srcLo, dstHi, dstLo, id, keyProtocol, tunnelId);
        if (slot < 0) {
            slot = allocate(bucket, nowMicros);
            Datagram d = slots[slot];
            d.version = version;
            d.srcHi = srcHi;
            d.srcLo = srcLo;
            d.dstHi = dstHi;
            d.dstLo = dstLo;
            d.id = id;
            d.keyProtocol = keyProtocol;
            d.tunnelId = tunnelId;
        }
        Datagram d = slots[slot];
        if (fragOffset == 0 || d.protocol < 0) d.protocol = protocol;
        d.wireBytes += wireLength;

        if (!more) {
            if ((d.totalLength >= 0 && d.totalLength != end) || d.maxEnd() > end) {
                return abandon(slot, SkipReason.FRAGMENT_INVALID);
            }
            d.totalLength = end;
        } else if (d.totalLength >= 0 && end > d.totalLength) {
            return abandon(slot, SkipReason.FRAGMENT_INVALID);
        }
        if (len > 0) {
            int covered = d.covered(fragOffset, end);
            if (covered == len && Arrays.equals(d.data, fragOffset, end, b, off, off + len)) {
                return drop(SkipReason.FRAGMENT_DUPLICATE);
            }
            if (covered > 0) return abandon(slot, SkipReason.FRAGMENT_OVERLAP);
            if (!reserve(slot, end)) return abandon(slot, SkipReason.FRAGMENT_LIMIT);
            // Copy before anything else: b may be this.datagram (a fragment inside a reassembled tunnel).
            System.arraycopy(b, off, d.data, fragOffset, len);
            if (!d.addPiece(fragOffset, end)) return abandon(slot, SkipReason.FRAGMENT_LIMIT);
        }
        if (d.totalLength < 0 || d.pieceCount != 1 || d.pieces[0] != 0 || d.pieces[1] != d.totalLength) {
            stats.fragmentsBuffered++;
            return BUFFERED;
        }
        int length = d.totalLength;
        System.arraycopy(d.data, 0, datagram, 0, length);
        completedProtocol = d.protocol;
        completedWireLength = (int) Math.min(Integer.MAX_VALUE, d.wireBytes);
        release(slot);
        stats.datagramsReassembled++;
        return length;
    }

    /** Drops the datagrams whose first fragment is older than the timeout, oldest first. */
    void expire(long nowMicros) {
        while (oldest >= 0 && nowMicros - slots[oldest].firstSeenMicros > timeoutMicros) {
            stats.skip(SkipReason.FRAGMENT_TIMEOUT);
            release(oldest);
        }
    }

    /** The last completed datagram: fragmentable part only (IPv4: from the L4 header on; IPv6: after the fragment header). */
    byte[] datagram() { return datagram; }
    /** IPv4 protocol, or the IPv6 next header of the offset-0 fragment, of the last completed datagram. */
    int completedProtocol() { return completedProtocol; }
    /** Sum of the wire lengths of the frames that carried the last completed datagram. */
    int completedWireLength() { return completedWireLength; }
    /** Why the last {@link #offer} returned {@link #DROPPED}. */
    SkipReason dropReason() { return dropReason; }
    /** Datagrams in progress. */
    int inProgress() { return slots.length - freeCount; }

    private int drop(SkipReason reason) {
        dropReason = reason;
        return DROPPED;
    }

    private int abandon(int slot, SkipReason reason) {
        release(slot);
        return drop(reason);
    }

    private static int bucketOf(long srcLo, long dstLo, int id, long tunnelId) {
        long h = (srcLo * 0x9E3779B97F4A7C15L) ^ (dstLo * 0xC2B2AE3D27D4EB4FL) ^ (id * 0x165667B19E3779F9L) ^ tunnelId;
        return (int) (h ^ (h >>> 29) ^ (h >>> 43));
    }

    private int find(int hash, int version, long srcHi, long srcLo, long dstHi, long dstLo, int id, int keyProtocol, long tunnelId) {
        for (int i = buckets[hash & (buckets.length - 1)]; i >= 0; i = slots[i].nextInBucket) {
            Datagram d = slots[i];
            if (d.id == id && d.srcLo == srcLo && d.dstLo == dstLo && d.srcHi == srcHi && d.dstHi == dstHi
                    && d.version == version && d.keyProtocol == keyProtocol && d.tunnelId == tunnelId) {
                return i;
            }
        }
        return -1;
    }

    private int allocate(int hash, long nowMicros) {
        if (freeCount == 0) {
            stats.skip(SkipReason.FRAGMENT_LIMIT);
            release(oldest);
        }
        int slot = freeSlots[--freeCount];
        Datagram d = slots[slot];
        if (d == null) {
            d = slots[slot] = new Datagram();
        }
        if (d.data != null) {
            spareBytes -= d.data.length;
            if (heldBytes + d.data.length > maxBytes) {
                d.data = null;
            } else {
                heldBytes += d.data.length;
            }
        }
        d.firstSeenMicros = nowMicros;
        d.wireBytes = 0;
        d.totalLength = -1;
        d.protocol = -1;
        d.pieceCount = 0;
        d.bucket = hash & (buckets.length - 1);
        d.nextInBucket = buckets[d.bucket];
        buckets[d.bucket] = slot;
        d.older = newest;
        d.newer = -1;
        if (newest >= 0) slots[newest].newer = slot; else oldest = slot;
        newest = slot;
        return slot;
    }

    /** Grows the slot's buffer to hold {@code end} bytes, evicting older datagrams to stay within maxBytes. */
    private boolean reserve(int slot, int end) {
        Datagram d = slots[slot];
        int old = d.data == null ? 0 : d.data.length;
        if (old >= end) return true;
        int capacity = Math.max(end, Math.min(MAX_DATAGRAM, Math.max(FIRST_BUFFER, old * 2)));
        int grow = capacity - old;
        while (heldBytes + grow > maxBytes) {
            int victim = oldest == slot ? slots[slot].newer : oldest;
            if (victim < 0) return false; // cannot happen while maxBytes >= MAX_DATAGRAM
            stats.skip(SkipReason.FRAGMENT_LIMIT);
            release(victim);
        }
        byte[] bigger = new byte[capacity];
        if (old > 0) System.arraycopy(d.data, 0, bigger, 0, old);
        d.data = bigger;
        heldBytes += grow;
        return true;
    }

    private void release(int slot) {
        Datagram d = slots[slot];
        // unlink from the hash chain
        int prev = -1;
        for (int i = buckets[d.bucket]; i != slot; i = slots[i].nextInBucket) prev = i;
        if (prev < 0) buckets[d.bucket] = d.nextInBucket; else slots[prev].nextInBucket = d.nextInBucket;
        // unlink from the age list
        if (d.older >= 0) slots[d.older].newer = d.newer; else oldest = d.newer;
        if (d.newer >= 0) slots[d.newer].older = d.older; else newest = d.older;
        if (d.data != null) {
            heldBytes -= d.data.length;
            if (spareBytes + d.data.length > maxBytes) {
                d.data = null;
            } else {
                spareBytes += d.data.length;
            }
        }
        freeSlots[freeCount++] = slot;
    }

    /** One datagram being reassembled; reused once released. */
    private static final class Datagram {
        int version;
        long srcHi, srcLo, dstHi, dstLo;
        int id;
        int keyProtocol;
        long tunnelId;
        int protocol;
        long firstSeenMicros;
        long wireBytes;
        /** Known once the last fragment (MF clear) arrived, else -1. */
        int totalLength;
        byte[] data;
        /** Received ranges as sorted, merged, disjoint [start, end) pairs. */
        final int[] pieces = new int[2 * MAX_PIECES];
        int pieceCount;
        int bucket, nextInBucket, older, newer;

        int maxEnd() {
            return pieceCount == 0 ? 0 : pieces[2 * pieceCount - 1];
        }

        /** Bytes of [start, end) already received. */
        int covered(int start, int end) {
            int sum = 0;
            for (int i = 0; i < pieceCount; i++) {
                int overlap = Math.min(end, pieces[2 * i + 1]) - Math.max(start, pieces[2 * i]);
                if (overlap > 0) sum += overlap;
            }
            return sum;
        }

        /** Records [start, end), which overlaps nothing held; false when that needs too many pieces. */
        boolean addPiece(int start, int end) {
            int i = 0;
            while (i < pieceCount && pieces[2 * i] < start) i++;
            boolean joinsPrevious = i > 0 && pieces[2 * i - 1] == start;
            boolean joinsNext = i < pieceCount && pieces[2 * i] == end;
            if (joinsPrevious && joinsNext) {
                pieces[2 * i - 1] = pieces[2 * i + 1];
                System.arraycopy(pieces, 2 * i + 2, pieces, 2 * i, 2 * (pieceCount - i - 1));
                pieceCount--;
            } else if (joinsPrevious) {
                pieces[2 * i - 1] = end;
            } else if (joinsNext) {
                pieces[2 * i] = start;
            } else {
                if (pieceCount == MAX_PIECES) return false;
                System.arraycopy(pieces, 2 * i, pieces, 2 * i + 2, 2 * (pieceCount - i));
                pieces[2 * i] = start;
                pieces[2 * i + 1] = end;
                pieceCount++;
            }
            return true;
        }
    }
}
