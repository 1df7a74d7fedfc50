package io.wirespan.bench;

/**
 * Where the fields a replica rewrites sit in one Ethernet frame: the IPv4 header and, in a first
 * (or only) fragment of TCP or UDP, the ports and the checksum. Offsets are -1 when absent, and a
 * field counts as present only when all its bytes were captured.
 *
 * @param ipOffset the IPv4 header, or -1 for any other frame
 * @param protocol the IPv4 protocol number, or -1
 * @param portsOffset the source port (the destination port follows), or -1 when the frame carries
 *     no TCP/UDP header: another protocol, a later fragment, or a short snap length
 * @param checksumOffset the TCP or UDP checksum, or -1
 * @param fragmentId the IPv4 identification of a fragment, or -1 for an unfragmented packet
 * @param laterFragment true for a fragment with a non-zero offset, which has no ports of its own
 */
record FrameLayout(int ipOffset, int protocol, int portsOffset, int checksumOffset,
                   int fragmentId, boolean laterFragment) {
    static final int LINKTYPE_ETHERNET = 1;
    static final int TCP = 6;
    static final int UDP = 17;
    static final FrameLayout NOT_IPV4 = new FrameLayout(-1, -1, -1, -1, -1, false);

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int MAX_VLAN_TAGS = 2;
    private static final int IPV4_SOURCE = 12;
    private static final int IPV4_DESTINATION = 16;
    private static final int IPV4_CHECKSUM = 10;

    static FrameLayout of(byte[] frame, int length, int linkType) {
        if (linkType != LINKTYPE_ETHERNET || length < 14) {
            return NOT_IPV4;
        }
        int offset = 12;
        int etherType = uint16(frame, offset);
        for (int tags = 0; (etherType == ETHERTYPE_VLAN || etherType == ETHERTYPE_QINQ) && tags < MAX_VLAN_TAGS;
                tags++) {
            offset += 4;
            if (length < offset + 2) {
                return NOT_IPV4;
            }
            etherType = uint16(frame, offset);
        }
        int ip = offset + 2;
        if (etherType != ETHERTYPE_IPV4 || length < ip + 20 || (frame[ip] & 0xF0) != 0x40) {
            return NOT_IPV4;
        }
        int headerLength = (frame[ip] & 0x0F) * 4;
        if (headerLength < 20 || length < ip + headerLength) {
            return NOT_IPV4;
        }
        int protocol = frame[ip + 9] & 0xFF;
        int flagsAndOffset = uint16(frame, ip + 6);
        boolean moreFragments = (flagsAndOffset & 0x2000) != 0;
        boolean laterFragment = (flagsAndOffset & 0x1FFF) != 0;
        int fragmentId = moreFragments || laterFragment ? uint16(frame, ip + 4) : -1;
        int l4 = ip + headerLength;
        int portsOffset = -1;
        int checksumOffset = -1;
        if (!laterFragment && length >= l4 + 4 && (protocol == TCP || protocol == UDP)) {
            portsOffset = l4;
            int checksum = l4 + (protocol == TCP ? 16 : 6);
            checksumOffset = length >= checksum + 2 ? checksum : -1;
        }
        return new FrameLayout(ip, protocol, portsOffset, checksumOffset, fragmentId, laterFragment);
    }

    boolean isIpv4() { return ipOffset >= 0; }

    int sourceAddressOffset() { return ipOffset + IPV4_SOURCE; }

    int destinationAddressOffset() { return ipOffset + IPV4_DESTINATION; }

    int ipChecksumOffset() { return ipOffset + IPV4_CHECKSUM; }

    static int uint16(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }

    static int int32(byte[] bytes, int offset) {
        return (uint16(bytes, offset) << 16) | uint16(bytes, offset + 2);
    }

    static void putUint16(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) (value >>> 8);
        bytes[offset + 1] = (byte) value;
    }

    static void putInt32(byte[] bytes, int offset, int value) {
        putUint16(bytes, offset, value >>> 16);
        putUint16(bytes, offset + 2, value);
    }
}
