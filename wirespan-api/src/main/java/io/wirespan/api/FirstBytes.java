package io.wirespan.api;

import java.util.Arrays;

/**
 * The set of byte values a protocol's first payload byte can take (either direction). Inference
 * indexes providers by it, so a payload is only checked by the protocols it could belong to: the
 * cost of inference grows with the candidates for that byte, not with every enabled protocol.
 */
public final class FirstBytes {
    public static final FirstBytes ANY = new FirstBytes(allSet());

    private final long[] bits;

    private FirstBytes(long[] bits) {
        this.bits = bits;
    }

    /** The given byte values, e.g. {@code of('G', 'P', 'H')}. */
    public static FirstBytes of(int... values) {
        long[] bits = new long[4];
        for (int v : values) {
            if (v < 0 || v > 255) throw new IllegalArgumentException("not a byte value: " + v);
            bits[v >>> 6] |= 1L << (v & 63);
        }
        return new FirstBytes(bits);
    }

    /** The ASCII letters of the given words' first characters, in both cases. */
    public static FirstBytes ofWordStarts(String... words) {
        long[] bits = new long[4];
        for (String word : words) {
            for (char c : new char[] {Character.toUpperCase(word.charAt(0)), Character.toLowerCase(word.charAt(0))}) {
                bits[c >>> 6] |= 1L << (c & 63);
            }
        }
        return new FirstBytes(bits);
    }

    public FirstBytes union(FirstBytes other) {
        long[] bits = this.bits.clone();
        for (int i = 0; i < 4; i++) bits[i] |= other.bits[i];
        return new FirstBytes(bits);
    }

    public boolean contains(int value) {
        return (bits[(value & 0xFF) >>> 6] & (1L << (value & 63))) != 0;
    }

    private static long[] allSet() {
        long[] bits = new long[4];
        Arrays.fill(bits, -1L);
        return bits;
    }
}
