package io.wirespan.engine.protocol.mongodb;

/**
 * Decompresses raw (unframed) Snappy, as MongoDB's snappy compressor (id 1) sends it. Format
 * (google/snappy {@code format_description.txt}): a varint of the uncompressed length, then
 * elements whose tag byte's low two bits are 00 literal (length-1 in the upper six bits, or in the
 * 1–4 little-endian bytes that follow when those bits are 60–63), 01 copy of 4–11 bytes with an
 * 11-bit offset, 10 copy of 1–64 bytes with a 16-bit offset, 11 the same with a 32-bit offset.
 */
final class Snappy {
    private Snappy() {}

    /**
     * Decompresses {@code [at, end)} into {@code out}, stopping when {@code out} is full (only a
     * prefix may be wanted).
     *
     * @return bytes written, or -1 when the input is malformed before {@code out} filled
     */
    static int decompress(byte[] in, int at, int end, byte[] out) {
        int p = at;
        long declared = 0;
        for (int shift = 0; ; shift += 7) {
            if (p >= end || shift > 28) return -1;
            int v = in[p++] & 0xFF;
            declared |= (long) (v & 0x7F) << shift;
            if (v < 0x80) break;
        }
        int limit = (int) Math.min(out.length, declared);
        int o = 0;
        while (o < limit) {
            if (p >= end) return -1;
            int tag = in[p++] & 0xFF;
            int length;
            int offset;
            switch (tag & 3) {
                case 0 -> {
                    length = (tag >>> 2) + 1;
                    if (length > 60) {
                        int extra = length - 60;
                        if (end - p < extra) return -1;
                        long n = 0;
                        for (int i = 0; i < extra; i++) n |= (long) (in[p + i] & 0xFF) << (8 * i);
                        p += extra;
                        if (n + 1 > Integer.MAX_VALUE) return -1;
                        length = (int) n + 1;
                    }
                    if (end - p < length) {
                        return -1;
                    }
                    int n = Math.min(length, limit - o);
                    System.arraycopy(in, p, out, o, n);
                    p += length;
                    o += n;
                    continue;
                }
                case 1 -> {
                    if (p >= end) return -1;
                    length = 4 + ((tag >>> 2) & 7);
                    offset = ((tag >>> 5) << 8) | (in[p++] & 0xFF);
                }
                case 2 -> {
                    if (end - p < 2) return -1;
                    length = (tag >>> 2) + 1;
                    offset = (in[p] & 0xFF) | (in[p + 1] & 0xFF) << 8;
                    p += 2;
                }
                default -> {
                    if (end - p < 4) return -1;
                    length = (tag >>> 2) + 1;
                    offset = MongoWire.i32(in, p);
                    p += 4;
                }
            }
            if (offset <= 0 || offset > o) return -1;
            int n = Math.min(length, limit - o);
            for (int i = 0; i < n; i++, o++) out[o] = out[o - offset]; // overlapping copies repeat
        }
        return o;
    }
}
