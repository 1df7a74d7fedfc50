package io.wirespan.engine.protocol.http2;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the shape of an HPACK header block without decoding it or touching any table, for
 * {@link Http2Protocol#check}: whether it names {@code :method} (a request) or {@code :status} (a
 * response) through the static table or a literal name, and whether every representation is well
 * formed as far as the bytes go. Allocates nothing.
 */
final class HeaderScan {
    static final int REQUEST = 1;
    static final int RESPONSE = 2;
    static final int UNDECIDED = 0;
    static final int MALFORMED = -1;

    private static final byte[] METHOD = ":method".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STATUS = ":status".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] METHOD_HUFFMAN = huffman(METHOD);
    private static final byte[] STATUS_HUFFMAN = huffman(STATUS);

    private HeaderScan() {}

    /** Scans the block bytes at hand (a block cut short by the end of the payload is judged on what is there). */
    static int scan(byte[] b, int offset, int length) {
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            int first = b[pos] & 0xFF;
            int prefix;
            if ((first & 0x80) != 0) prefix = 7;
            else if ((first & 0x40) != 0) prefix = 6;
            else if ((first & 0x20) != 0) prefix = 5;
            else prefix = 4;
            long at = integer(b, pos, end, prefix);
            if (at < 0) return at == CUT ? UNDECIDED : MALFORMED;
            int index = (int) at;
            pos = (int) (at >>> 32);
            if (prefix == 7) {
                if (index == 0) return MALFORMED;
                if (index == 2 || index == 3) return REQUEST;
                if (index >= 8 && index <= 14) return RESPONSE;
                continue;
            }
            if (prefix == 5) continue; // dynamic table size update
            if (index == 2) return REQUEST;
            if (index == 8) return RESPONSE;
            if (index == 0) { // literal name
                if (pos >= end) return UNDECIDED;
                boolean huffman = (b[pos] & 0x80) != 0;
                long name = integer(b, pos, end, 7);
                if (name < 0) return name == CUT ? UNDECIDED : MALFORMED;
                int nameLength = (int) name;
                int nameStart = (int) (name >>> 32);
                if (nameLength > end - nameStart) return UNDECIDED;
                byte[] method = huffman ? METHOD_HUFFMAN : METHOD;
                byte[] status = huffman ? STATUS_HUFFMAN : STATUS;
                if (Arrays.equals(b, nameStart, nameStart + nameLength, method, 0, method.length)) return REQUEST;
                if (Arrays.equals(b, nameStart, nameStart + nameLength, status, 0, status.length)) return RESPONSE;
                pos = nameStart + nameLength;
            }
            if (pos >= end) return UNDECIDED;
            long value = integer(b, pos, end, 7);
            if (value < 0) return value == CUT ? UNDECIDED : MALFORMED;
            pos = (int) (value >>> 32) + (int) value;
        }
        return UNDECIDED;
    }

    private static final long CUT = -1;
    private static final long BAD = -2;

    /** An HPACK integer at {@code pos}: {@code value | next position << 32}, {@link #CUT} or {@link #BAD}. */
    private static long integer(byte[] b, int pos, int end, int prefixBits) {
        int mask = (1 << prefixBits) - 1;
        long value = b[pos++] & mask;
        if (value == mask) {
            for (int shift = 0; ; shift += 7) {
                if (pos >= end) return CUT;
                if (shift > 28) return BAD;
                int next = b[pos++] & 0xFF;
                value += (long) (next & 0x7F) << shift;
                if (value > Integer.MAX_VALUE) return BAD;
                if ((next & 0x80) == 0) break;
            }
        }
        return value | ((long) pos << 32);
    }

    private static byte[] huffman(byte[] text) {
        byte[] out = new byte[Huffman.encodedLength(text, 0, text.length)];
        Huffman.encode(text, 0, text.length, out, 0);
        return out;
    }
}
