package io.wirespan.engine.decode;

import java.net.InetAddress;

/** Formatting and parsing of addresses held as two longs (IPv4 as IPv4-mapped IPv6). */
public final class IpAddress {
    private static final long V4_MAPPED_PREFIX = 0x0000_FFFF_0000_0000L;

    private IpAddress() {}

    /** The low half of an IPv4-mapped address; the high half is 0. */
    public static long v4Lo(int ipv4) {
        return V4_MAPPED_PREFIX | (ipv4 & 0xFFFF_FFFFL);
    }

    public static boolean isV4(long hi, long lo) {
        return hi == 0 && (lo & 0xFFFF_FFFF_0000_0000L) == V4_MAPPED_PREFIX;
    }

    /** Dotted quad for IPv4, RFC 5952 canonical text for IPv6. */
    public static String format(long hi, long lo) {
        if (isV4(hi, lo)) {
            return ((lo >>> 24) & 0xFF) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
            groups[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
        }
        // RFC 5952 4.2: the longest run (first if tied) of two or more zero groups becomes "::".
        int bestStart = -1, bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) { i++; continue; }
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
            i = j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLen - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') text.append(':');
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** Parses a literal address (no name lookups); for tests and configuration. */
    public static long[] parse(String literal) {
        try {
            byte[] bytes = InetAddress.ofLiteral(literal).getAddress();
            if (bytes.length == 4) {
                return new long[] {0, v4Lo(((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF))};
            }
            long hi = 0, lo = 0;
            for (int i = 0; i < 8; i++) hi = (hi << 8) | (bytes[i] & 0xFF);
            for (int i = 8; i < 16; i++) lo = (lo << 8) | (bytes[i] & 0xFF);
            return new long[] {hi, lo};
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address literal: " + literal, e);
        }
    }
}
