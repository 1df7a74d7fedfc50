package io.wirespan.engine.protocol.http2;

/**
 * HPACK's Huffman code (RFC 7541 §5.2, Appendix B). The code is canonical: the codes of each
 * length are consecutive, in symbol order, and follow from the shorter ones. So the table below
 * holds only the code length of each of the 257 symbols (256 octets and EOS), and the codes are
 * rebuilt from it.
 *
 * <p>Decoding is table driven: the code tree has 256 inner nodes, and a 16-entry row per node says,
 * for the next 4 input bits, which node the walk reaches and which symbol (at most one, since no
 * code is shorter than 5 bits) it completes on the way. Input ends validly at the root or on an
 * all-ones path of at most 7 bits (the EOS prefix used as padding, §5.2); reaching EOS itself is
 * an error.
 */
final class Huffman {
    /** Code length in bits of symbols 0..256 (256 = EOS), from the table of RFC 7541 Appendix B. */
    private static final byte[] LENGTHS = {
        13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, // 0..15
        28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28, // 16..31
        6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6,         // ' '..'/'
        5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,              // '0'..'?'
        13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,                // '@'..'O'
        7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,             // 'P'..'_'
        15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5,                // '`'..'o'
        6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,            // 'p'..127
        20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23, // 128..143
        24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24, // 144..159
        22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23, // 160..175
        21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23, // 176..191
        26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25, // 192..207
        19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27, // 208..223
        20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23, // 224..239
        26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26, // 240..255
        30,                                                             // EOS
    };

    static final int EOS = 256;

    /** Code of each symbol, right-aligned in {@link #LENGTHS} bits. */
    private static final int[] CODES = new int[257];

    // Decoding automaton: row = inner node, column = next 4 bits.
    private static final int NODES = 256;
    private static final int SYMBOL_MASK = 0x1FF; // bits 8..16 of an entry: symbol + 1 (0: none)
    private static final int FAILS = 1 << 18;
    private static final int[] STEPS = new int[NODES * 16];
    private static final boolean[] MAY_END = new boolean[NODES];

    static {
        // Canonical codes: shorter codes first, and within one length in symbol order (RFC 7541 App. B).
        int code = 0;
        int previousLength = 0;
        for (int length = 1; length <= 30; length++) {
            for (int symbol = 0; symbol <= EOS; symbol++) {
                if (LENGTHS[symbol] != length) continue;
                code <<= (length - previousLength);
                previousLength = length;
                CODES[symbol] = code++;
            }
        }
        buildAutomaton();
    }

    private Huffman() {}

    static int code(int symbol) {
        return CODES[symbol];
    }

    static int codeLength(int symbol) {
        return LENGTHS[symbol];
    }

    /** Bytes {@link #encode} writes for these bytes. */
    static int encodedLength(byte[] src, int offset, int length) {
        long bits = 0;
        for (int i = offset; i < offset + length; i++) bits += LENGTHS[src[i] & 0xFF];
        return (int) ((bits + 7) >>> 3);
    }

    /** Encodes bytes, padding the last octet with the most significant bits of EOS (ones); returns the bytes written. */
    static int encode(byte[] src, int offset, int length, byte[] dst, int dstOffset) {
        long acc = 0;
        int bits = 0;
        int out = dstOffset;
        for (int i = offset; i < offset + length; i++) {
            int symbol = src[i] & 0xFF;
            acc = (acc << LENGTHS[symbol]) | CODES[symbol];
            bits += LENGTHS[symbol];
            while (bits >= 8) {
                bits -= 8;
                dst[out++] = (byte) (acc >>> bits);
            }
        }
        if (bits > 0) {
            dst[out++] = (byte) ((acc << (8 - bits)) | (0xFF >>> bits));
        }
        return out - dstOffset;
    }

    /** The most bytes decoding {@code length} encoded bytes can give: the shortest code has 5 bits. */
    static int maxDecodedLength(int length) {
        return (int) ((length * 8L) / 5) + 1;
    }

    /**
     * Decodes {@code length} bytes into {@code dst}, which must hold {@link #maxDecodedLength}
     * bytes; returns the bytes written, or -1 when the input is not a valid encoding.
     */
    static int decode(byte[] src, int offset, int length, byte[] dst, int dstOffset) {
        int node = 0;
        int out = dstOffset;
        for (int i = offset, end = offset + length; i < end; i++) {
            int b = src[i] & 0xFF;
            for (int shift = 4; shift >= 0; shift -= 4) {
                int step = STEPS[(node << 4) | ((b >>> shift) & 0x0F)];
                if ((step & FAILS) != 0) return -1;
                int emitted = (step >>> 8) & SYMBOL_MASK;
                if (emitted != 0) dst[out++] = (byte) (emitted - 1);
                node = step & 0xFF;
            }
        }
        return MAY_END[node] ? out - dstOffset : -1;
    }

    private static void buildAutomaton() {
        // The code tree: children of inner node n at [2n] (bit 0) and [2n+1] (bit 1); a child
        // >= 0 is an inner node, -(symbol + 1) a leaf.
        int[] child = new int[NODES * 2];
        int[] depth = new int[NODES];
        boolean[] allOnes = new boolean[NODES];
        allOnes[0] = true;
        int nodes = 1;
        for (int symbol = 0; symbol <= EOS; symbol++) {
            int node = 0;
            for (int bit = LENGTHS[symbol] - 1; bit >= 0; bit--) {
                int b = (CODES[symbol] >>> bit) & 1;
                int slot = node * 2 + b;
                if (bit == 0) {
                    child[slot] = -(symbol + 1);
                } else {
                    if (child[slot] == 0) {
                        child[slot] = nodes;
                        depth[nodes] = depth[node] + 1;
                        allOnes[nodes] = allOnes[node] && b == 1;
                        nodes++;
                    }
                    node = child[slot];
                }
            }
        }
        if (nodes != NODES) throw new IllegalStateException("HPACK Huffman tree has " + nodes + " inner nodes");
        for (int n = 0; n < NODES; n++) {
            MAY_END[n] = n == 0 || (allOnes[n] && depth[n] <= 7);
            for (int nibble = 0; nibble < 16; nibble++) {
                int node = n;
                int emitted = 0;
                boolean fails = false;
                for (int bit = 3; bit >= 0; bit--) {
                    int next = child[node * 2 + ((nibble >>> bit) & 1)];
                    if (next < 0) {
                        int symbol = -next - 1;
                        if (symbol == EOS) fails = true; // §5.2: EOS in a string is a decoding error
                        emitted = symbol + 1;
                        node = 0;
                    } else {
                        node = next;
                    }
                }
                STEPS[(n << 4) | nibble] = node | (emitted << 8) | (fails ? FAILS : 0);
            }
        }
    }
}
