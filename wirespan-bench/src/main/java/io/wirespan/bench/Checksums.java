package io.wirespan.bench;

/**
 * Incremental updates of Internet checksums (RFC 1624, eqn. 3) for rewritten header fields. An
 * update keeps a checksum exactly as right or wrong as it was: loopback captures carry valid IPv4
 * header checksums but partial TCP ones, and neither should change its verdict by replication.
 */
final class Checksums {
    private Checksums() {}

    /** The checksum after a 16-bit word changes from {@code oldWord} to {@code newWord}. */
    static int replace16(int checksum, int oldWord, int newWord) {
        int sum = (~checksum & 0xFFFF) + (~oldWord & 0xFFFF) + (newWord & 0xFFFF);
        return ~fold(sum) & 0xFFFF;
    }

    /** The checksum after a 32-bit field (an IPv4 address) changes, as two 16-bit words. */
    static int replace32(int checksum, int oldValue, int newValue) {
        int sum = (~checksum & 0xFFFF)
                + (~(oldValue >>> 16) & 0xFFFF) + (~oldValue & 0xFFFF)
                + (newValue >>> 16) + (newValue & 0xFFFF);
        return ~fold(sum) & 0xFFFF;
    }

    /** The Internet checksum of {@code length} bytes, for tests and sanity checks. */
    static int compute(byte[] bytes, int offset, int length) {
        int sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += ((bytes[offset + i] & 0xFF) << 8) | (bytes[offset + i + 1] & 0xFF);
        }
        if ((length & 1) != 0) {
            sum += (bytes[offset + length - 1] & 0xFF) << 8;
        }
        return ~fold(sum) & 0xFFFF;
    }

    private static int fold(int sum) {
        sum = (sum & 0xFFFF) + (sum >>> 16);
        return (sum & 0xFFFF) + (sum >>> 16);
    }
}
