package io.wirespan.engine.protocol;

import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.api.PayloadSignature;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@link PayloadSignature}s of one transport's enabled protocols, intersected position by
 * position: for each constrained byte position and each byte value, the set (a bit per protocol,
 * in inference order) of protocols that allow it. The protocols a payload could be are the AND of
 * one set per position, so finding them costs one lookup per constrained position, whatever the
 * number of protocols.
 */
final class SignatureIndex {
    private final L7ProtocolProvider[] providers;
    private final int words;
    /** The positions some signature constrains, ascending. */
    private final int[] positions;
    /** Per position: for byte value {@code v}, words {@code v * words ..} hold the protocols allowing it. */
    private final long[][] allowed;

    SignatureIndex(List<L7ProtocolProvider> providers, boolean udp) {
        this.providers = providers.toArray(L7ProtocolProvider[]::new);
        this.words = Math.max(1, (this.providers.length + 63) >>> 6);
        PayloadSignature[] signatures = new PayloadSignature[this.providers.length];
        TreeSet<Integer> constrained = new TreeSet<>();
        for (int p = 0; p < signatures.length; p++) {
            signatures[p] = this.providers[p].signature(udp);
            for (int at = 0; at < signatures[p].length(); at++) {
                if (!signatures[p].valuesAt(at).isAny()) constrained.add(at);
            }
        }
        positions = constrained.stream().mapToInt(Integer::intValue).toArray();
        allowed = new long[positions.length][256 * words];
        for (int i = 0; i < positions.length; i++) {
            for (int p = 0; p < signatures.length; p++) {
                var values = signatures[p].valuesAt(positions[i]);
                for (int v = 0; v < 256; v++) {
                    if (values.contains(v)) allowed[i][v * words + (p >>> 6)] |= 1L << (p & 63);
                }
            }
        }
    }

    /** Words of the candidate sets {@link #candidates} writes. */
    int words() {
        return words;
    }

    L7ProtocolProvider provider(int bit) {
        return providers[bit];
    }

    /** Writes into {@code into} ({@link #words()} long) the protocols whose signature the payload satisfies. */
    void candidates(byte[] data, int offset, int length, long[] into) {
        for (int w = 0; w < words; w++) {
            int inWord = Math.min(64, providers.length - (w << 6));
            into[w] = inWord >= 64 ? -1L : (1L << inWord) - 1;
        }
        for (int i = 0; i < positions.length && positions[i] < length; i++) {
            long[] byValue = allowed[i];
            int base = (data[offset + positions[i]] & 0xFF) * words;
            for (int w = 0; w < words; w++) into[w] &= byValue[base + w];
        }
    }
}
