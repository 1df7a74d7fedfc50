package io.wirespan.api;

import java.util.Arrays;
import java.util.function.IntPredicate;

/** A set of byte values (0..255): what one position of a {@link PayloadSignature} allows. Immutable. */
public final class ByteSet {
    public static final ByteSet ANY = new ByteSet(allSet());

    private final long[] bits;

    private ByteSet(long[] bits) {
        this.bits = bits;
    }

    /** The given byte values, e.g. {@code of('G', 'P', 'H')}. */
    public static ByteSet of(int... values) {
        long[] bits = new long[4];
        for (int v : values) {
            if (v < 0 || v > 255) throw new IllegalArgumentException("not a byte value: " + v);
            bits[v >>> 6] |= 1L << (v & 63);
        }
        return new ByteSet(bits);
    }

    /** The byte values from {@code first} to {@code last}, both included. */
    public static ByteSet range(int first, int last) {
        return where(b -> b >= first && b <= last);
    }

    /** The byte values that satisfy {@code test}, e.g. {@code where(b -> (b & 0x80) == 0)}. */
    public static ByteSet where(IntPredicate test) {
        long[] bits = new long[4];
        for (int v = 0; v < 256; v++) {
            if (test.test(v)) bits[v >>> 6] |= 1L << (v & 63);
        }
        return new ByteSet(bits);
    }

    /** The ASCII letters of the given words' first characters, in both cases. */
    public static ByteSet ofWordStarts(String... words) {
        long[] bits = new long[4];
        for (String word : words) {
            for (char c : new char[] {Character.toUpperCase(word.charAt(0)), Character.toLowerCase(word.charAt(0))}) {
                bits[c >>> 6] |= 1L << (c & 63);
            }
        }
        return new ByteSet(bits);
    }

    public ByteSet union(ByteSet other) {
        long[] bits = this.bits.clone();
        for (int i = 0; i < 4; i++) bits[i] |= other.bits[i];
        return new ByteSet(bits);
    }

    public boolean contains(int value) {
        return (bits[(value & 0xFF) >>> 6] & (1L << (value & 63))) != 0;
    }

    public boolean isAny() {
        return Arrays.equals(bits, ANY.bits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteSet other && Arrays.equals(bits, other.bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        for (int v = 0; v < 256; v++) {
            if (!contains(v)) continue;
            int last = v;
            while (last < 255 && contains(last + 1)) last++;
            if (s.length() > 1) s.append(',');
            s.append(String.format("%02x", v));
            if (last > v) s.append('-').append(String.format("%02x", last));
            v = last;
        }
        return s.append('}').toString();
    }

    private static long[] allSet() {
        long[] bits = new long[4];
        Arrays.fill(bits, -1L);
        return bits;
    }
}
