package io.wirespan.engine.protocol.dns;

/**
 * The fixed 12-byte header (RFC 1035 §4.1.1) and the judgements made from it without decoding
 * the message: whether bytes are a query worth claiming a flow for, whether they can start a TCP
 * frame. All reads stay inside the bounds they are given; nothing allocates.
 *
 * <pre>
 *  0  ID          2  QR|OPCODE(4)|AA|TC|RD|RA|Z|AD|CD|RCODE(4)
 *  4  QDCOUNT     6  ANCOUNT     8  NSCOUNT     10  ARCOUNT
 * </pre>
 */
final class DnsWire {
    static final int HEADER_LENGTH = 12;
    /** The TCP length prefix (RFC 7766 §8). */
    static final int PREFIX_LENGTH = 2;
    /** The smallest question: the root name, QTYPE, QCLASS. */
    static final int MIN_QUESTION = 5;
    /** The smallest record: the root name, TYPE, CLASS, TTL, RDLENGTH. */
    static final int MIN_RECORD = 11;

    private DnsWire() {}

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }

    static int id(byte[] b, int h) { return u16(b, h); }
    static int flags(byte[] b, int h) { return u16(b, h + 2); }
    static int qdCount(byte[] b, int h) { return u16(b, h + 4); }
    static int anCount(byte[] b, int h) { return u16(b, h + 6); }
    static int nsCount(byte[] b, int h) { return u16(b, h + 8); }
    static int arCount(byte[] b, int h) { return u16(b, h + 10); }

    static boolean isResponse(int flags) { return (flags & 0x8000) != 0; }
    static int opcode(int flags) { return (flags >>> 11) & 0xF; }
    static int rcode(int flags) { return flags & 0xF; }
    /** The Z bit, which RFC 1035 requires to be zero (AD and CD, RFC 4035, are its neighbours). */
    static boolean zBit(int flags) { return (flags & 0x0040) != 0; }

    /** Whether the header's counts can fit a message of {@code length} bytes, each entry at its smallest. */
    static boolean countsFit(byte[] b, int h, int length) {
        long need = HEADER_LENGTH + (long) qdCount(b, h) * MIN_QUESTION
                + ((long) anCount(b, h) + nsCount(b, h) + arCount(b, h)) * MIN_RECORD;
        return need <= length;
    }

    /** QCLASS IN, CH, HS, NONE or ANY; the top bit is mDNS's unicast-response flag (RFC 6762 §5.4). */
    static boolean saneClass(int qclass) {
        int c = qclass & 0x7FFF;
        return c == 1 || c == 3 || c == 4 || c == 254 || c == 255;
    }

    /**
     * A query (QR=0) with an assigned opcode, Z and RCODE zero, at least one question, counts that
     * fit {@code length}, and a first question whose name decodes, is not the root and is followed
     * by a non-zero QTYPE and a sane QCLASS, all within {@code length} and the visible bytes.
     *
     * @param h where the message starts; {@code visibleEnd} bounds what may be read
     * @param length the message's length (the datagram, or the TCP prefix's value)
     */
    static boolean isQuery(byte[] b, int h, int length, int visibleEnd) {
        if (visibleEnd - h < HEADER_LENGTH || length < HEADER_LENGTH + MIN_QUESTION) return false;
        int flags = flags(b, h);
        if (isResponse(flags) || zBit(flags) || rcode(flags) != 0) return false;
        if (!DnsOpcode.valueOf(opcode(flags)).expectsQuestion()) return false;
        if (qdCount(b, h) == 0 || !countsFit(b, h, length)) return false;
        int limit = (int) Math.min(visibleEnd, (long) h + length);
        int name = h + HEADER_LENGTH;
        int after = DnsNames.walk(b, h, limit, name, null);
        if (after < 0 || DnsNames.isRoot(b, name) || after + 4 > limit) return false;
        return u16(b, after) != 0 && saneClass(u16(b, after + 2));
    }

    /**
     * Whether a message of {@code length} bytes at {@code h} can be DNS at all: an assigned opcode
     * and counts that fit. The test for a frame of a stream that is in step.
     */
    static boolean isPlausible(byte[] b, int h, int length) {
        int opcode = opcode(flags(b, h));
        return length >= HEADER_LENGTH && opcode != 3 && opcode <= 6 && countsFit(b, h, length);
    }

    /**
     * The strict test for a frame start when looking for one in a stream out of step: plausible,
     * exactly one question, Z zero, RCODE zero on a query, and, as far as the bytes are visible, a
     * first name that decodes followed by a non-zero QTYPE and a sane QCLASS. Needs the header
     * visible.
     */
    static boolean isFrameStart(byte[] b, int h, int length, int visibleEnd) {
        if (!isPlausible(b, h, length) || length < HEADER_LENGTH + MIN_QUESTION || qdCount(b, h) != 1) return false;
        int flags = flags(b, h);
        if (zBit(flags) || !DnsOpcode.valueOf(opcode(flags)).expectsQuestion()) return false;
        if (!isResponse(flags) && rcode(flags) != 0) return false;
        int limit = (int) Math.min(visibleEnd, (long) h + length);
        int after = DnsNames.walk(b, h, limit, h + HEADER_LENGTH, null);
        if (after == DnsNames.ERR_TRUNCATED) return limit < h + length; // cut by what is visible so far: maybe
        if (after < 0) return false;
        if (after + 4 > limit) return limit < h + length;
        return u16(b, after) != 0 && saneClass(u16(b, after + 2));
    }
}
