package io.wirespan.api;

import java.util.Arrays;

/**
 * What the first payload of a protocol's flow must look like at fixed byte positions, in either
 * direction: a necessary condition of {@link L7ProtocolProvider#check}, never a sufficient one.
 * Inference intersects the signatures of all enabled protocols into one index, so the protocols
 * whose signature a payload fails are never checked, at a cost that does not grow with their
 * number. A position beyond the end of a payload constrains nothing.
 *
 * <p>Immutable: {@link #at} returns a new signature.
 */
public final class PayloadSignature {
    /** Positions beyond this are not indexed: a signature describes a payload's header. */
    public static final int MAX_OFFSET = 63;

    public static final PayloadSignature ANY = new PayloadSignature(new ByteSet[0]);

    private final ByteSet[] positions;

    private PayloadSignature(ByteSet[] positions) {
        this.positions = positions;
    }

    /** A signature on the first byte only. */
    public static PayloadSignature startingWith(ByteSet first) {
        return ANY.at(0, first);
    }

    /** This signature, with the byte at {@code offset} also restricted to {@code values}. */
    public PayloadSignature at(int offset, ByteSet values) {
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("offset " + offset + " is not within 0.." + MAX_OFFSET);
        }
        ByteSet[] next = Arrays.copyOf(positions, Math.max(positions.length, offset + 1));
        for (int i = 0; i < next.length; i++) if (next[i] == null) next[i] = ByteSet.ANY;
        next[offset] = next[offset].isAny() ? values : intersection(next[offset], values);
        return new PayloadSignature(next);
    }

    /** The values allowed at {@code offset} ({@link ByteSet#ANY} where unconstrained). */
    public ByteSet valuesAt(int offset) {
        return offset < positions.length ? positions[offset] : ByteSet.ANY;
    }

    /** One past the last constrained position. */
    public int length() {
        return positions.length;
    }

    /** Whether the payload's first {@code length} bytes satisfy the signature. */
    public boolean accepts(byte[] data, int offset, int length) {
        int n = Math.min(length, positions.length);
        for (int i = 0; i < n; i++) {
            if (!positions[i].contains(data[offset + i])) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("PayloadSignature[");
        for (int i = 0; i < positions.length; i++) {
            if (positions[i].isAny()) continue;
            if (s.charAt(s.length() - 1) != '[') s.append(", ");
            s.append(i).append('=').append(positions[i]);
        }
        return s.append(']').toString();
    }

    private static ByteSet intersection(ByteSet a, ByteSet b) {
        return ByteSet.where(v -> a.contains(v) && b.contains(v));
    }
}
