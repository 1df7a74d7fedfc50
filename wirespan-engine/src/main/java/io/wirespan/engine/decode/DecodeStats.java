package io.wirespan.engine.decode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters of one {@link PacketDecoder}: plain longs, written by the decoder's thread only. A
 * reporter sums workers with {@link #addTo} after they stop, or reads them knowing the values may
 * lag.
 */
public final class DecodeStats {
    private static final SkipReason[] REASONS = SkipReason.values();

    private final long[] skipped = new long[REASONS.length];
    long frames;
    long packets;
    long fragmentsBuffered;
    long datagramsReassembled;
    long truncatedPayloads;
    long decapsulations;

    void skip(SkipReason reason) {
        skipped[reason.ordinal()]++;
    }

    /** Frames given to {@code decode}. */
    public long frames() { return frames; }
    /** TCP or UDP packets emitted, reassembled datagrams included. */
    public long packets() { return packets; }
    /** Fragments held for reassembly. */
    public long fragmentsBuffered() { return fragmentsBuffered; }
    /** Datagrams completed from fragments (each also counts in {@link #packets()}). */
    public long datagramsReassembled() { return datagramsReassembled; }
    /** Packets emitted with fewer payload bytes than their headers declare (snap length). */
    public long truncatedPayloads() { return truncatedPayloads; }
    /** Tunnel headers stripped (a packet inside two tunnels counts two). */
    public long decapsulations() { return decapsulations; }

    public long skipped(SkipReason reason) {
        return skipped[reason.ordinal()];
    }

    public long skippedTotal() {
        long total = 0;
        for (long n : skipped) total += n;
        return total;
    }

    /** Every counter that is not zero, by label ({@code decode.packets}, {@code ipv4.bad_header}, ...), for printing. */
    public Map<String, Long> nonZero() {
        Map<String, Long> counts = new LinkedHashMap<>();
        put(counts, "decode.frames", frames);
        put(counts, "decode.packets", packets);
        put(counts, "decode.truncated_payloads", truncatedPayloads);
        put(counts, "decode.decapsulations", decapsulations);
        put(counts, "ipfrag.buffered", fragmentsBuffered);
        put(counts, "ipfrag.reassembled", datagramsReassembled);
        for (SkipReason reason : REASONS) put(counts, reason.label(), skipped[reason.ordinal()]);
        return counts;
    }

    /** Adds these counts into {@code total}, to sum the workers' decoders. */
    public void addTo(DecodeStats total) {
        total.frames += frames;
        total.packets += packets;
        total.fragmentsBuffered += fragmentsBuffered;
        total.datagramsReassembled += datagramsReassembled;
        total.truncatedPayloads += truncatedPayloads;
        total.decapsulations += decapsulations;
        for (int i = 0; i < skipped.length; i++) total.skipped[i] += skipped[i];
    }

    private static void put(Map<String, Long> counts, String label, long value) {
        if (value != 0) counts.put(label, value);
    }

    @Override
    public String toString() {
        return "DecodeStats" + nonZero();
    }
}
