package io.wirespan.engine.decode;

import static io.wirespan.engine.decode.Bytes.i32;
import static io.wirespan.engine.decode.Bytes.i64;
import static io.wirespan.engine.decode.Bytes.u16;
import static io.wirespan.engine.decode.Bytes.u8;

import io.wirespan.engine.capture.RawPacket;

/**
 * Decodes a captured frame down to TCP or UDP: link layer, VLAN tags, IPv4/IPv6 with options and
 * extension headers, tunnels, IP reassembly. One instance per worker thread; not thread-safe.
 *
 * <p>Allocation-free per packet: fields are read in place, {@code out} is refilled, and its payload
 * is a view into the frame (or into the reassembly buffer), valid until the next call. Every read
 * is checked against the captured length first; malformed input ends as a {@link SkipReason},
 * never as an exception. Checksums are not verified: offload makes them wrong in captures.
 */
public final class PacketDecoder {

    /** What {@link #decode} did with a frame. */
    public enum Outcome {
        /** A TCP or UDP packet is ready in the {@link DecodedPacket}. */
        PACKET,
        /** An IP fragment was held for reassembly; nothing to emit yet. */
        BUFFERED,
        /** Nothing to emit; {@link #lastSkipReason()} says why. */
        SKIPPED
    }

    // tcpdump.org LINKTYPE_* values. 12 and 14 are the DLT_RAW numbers some systems wrote into files.
    private static final int LINKTYPE_NULL = 0;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int DLT_RAW_12 = 12;
    private static final int DLT_RAW_14 = 14;
    private static final int LINKTYPE_RAW = 101;
    private static final int LINKTYPE_LOOP = 108;
    private static final int LINKTYPE_LINUX_SLL = 113;
    private static final int LINKTYPE_IPV4 = 228;
    private static final int LINKTYPE_IPV6 = 229;
    private static final int LINKTYPE_LINUX_SLL2 = 276;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    private static final int ETHERTYPE_TEB = 0x6558;
    private static final int ETHERTYPE_ERSPAN_2 = 0x88BE;
    private static final int ETHERTYPE_ERSPAN_3 = 0x22EB;

    private static final int IPPROTO_HOPOPTS = 0;
    private static final int IPPROTO_IPIP = 4;
    private static final int IPPROTO_TCP = 6;
    private static final int IPPROTO_UDP = 17;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPPROTO_ROUTING = 43;
    private static final int IPPROTO_FRAGMENT = 44;
    private static final int IPPROTO_GRE = 47;
    private static final int IPPROTO_AH = 51;
    private static final int IPPROTO_DSTOPTS = 60;

    private final DecodeStats stats;
    private final IpDefragmenter defrag;
    private final boolean decapVxlan;
    private final boolean decapIpip;
    private final boolean decapGre;
    /** Bit set of VXLAN UDP ports. */
    private final long[] vxlanPorts = new long[65536 / 64];
    private final int maxTunnelDepth;

    // State of the frame being decoded.
    private SkipReason lastSkipReason;
    private long timestampMicros;
    private int wireLength;
    private long tunnelId;
    private int tunnelDepth;

    public PacketDecoder() {
        this(DecodeConfig.DEFAULTS, new DecodeStats());
    }

    public PacketDecoder(DecodeConfig config) {
        this(config, new DecodeStats());
    }

    public PacketDecoder(DecodeConfig config, DecodeStats stats) {
        this.stats = stats;
        this.defrag = new IpDefragmenter(config, stats);
        this.decapVxlan = config.tunnelDecap().contains(TunnelProtocol.VXLAN);
        this.decapIpip = config.tunnelDecap().contains(TunnelProtocol.IPIP);
        this.decapGre = config.tunnelDecap().contains(TunnelProtocol.GRE);
        for (int port : config.vxlanPorts()) vxlanPorts[port >>> 6] |= 1L << port;
        this.maxTunnelDepth = config.maxTunnelDepth();
    }

    public DecodeStats stats() {
        return stats;
    }

    /** Why the last frame was {@link Outcome#SKIPPED}; null after any other outcome. */
    public SkipReason lastSkipReason() {
        return lastSkipReason;
    }

    public Outcome decode(RawPacket in, DecodedPacket out) {
        return decode(in.linkType(), in.data(), in.offset(), in.capturedLength(), in.originalLength(),
                in.timestampMicros(), out);
    }

    /**
     * Decodes {@code capturedLength} bytes of {@code data} from {@code offset}, a frame of link type
     * {@code linkType} (a LINKTYPE_* number). {@code out} holds a packet only when the outcome is
     * {@link Outcome#PACKET}; otherwise some of its fields may have been overwritten.
     */
    public Outcome decode(int linkType, byte[] data, int offset, int capturedLength, int originalLength,
                          long timestampMicros, DecodedPacket out) {
        stats.frames++;
        lastSkipReason = null;
        this.timestampMicros = timestampMicros;
        this.wireLength = originalLength;
        this.tunnelId = -1;
        this.tunnelDepth = 0;
        defrag.expire(timestampMicros);
        if (offset < 0 || capturedLength < 0 || offset > data.length) return skip(SkipReason.TRUNCATED_L2);
        int end = offset + Math.min(capturedLength, data.length - offset);
        return switch (linkType) {
            case LINKTYPE_ETHERNET -> ethernet(data, offset, end, out);
            case LINKTYPE_LINUX_SLL -> sll(data, offset, end, out);
            case LINKTYPE_LINUX_SLL2 -> sll2(data, offset, end, out);
            case LINKTYPE_NULL -> loopback(data, offset, end, false, out);
            case LINKTYPE_LOOP -> loopback(data, offset, end, true, out);
            case LINKTYPE_RAW, DLT_RAW_12, DLT_RAW_14 -> rawIp(data, offset, end, out);
            case LINKTYPE_IPV4 -> ipv4(data, offset, end, out);
            case LINKTYPE_IPV6 -> ipv6(data, offset, end, out);
            default -> skip(SkipReason.UNSUPPORTED_LINK_TYPE);
        };
    }

    // ---- link layer ----------------------------------------------------------------------------

    /** IEEE 802.3: destination, source, EtherType (or an 802.3 length, which means LLC, not IP). */
    private Outcome ethernet(byte[] b, int off, int end, DecodedPacket out) {
        if (end - off < 14) return skip(SkipReason.TRUNCATED_L2);
        return etherType(u16(b, off + 12), b, off + 14, end, out);
    }

    /** Linux cooked capture v1: 16 bytes, the protocol (an EtherType) last. */
    private Outcome sll(byte[] b, int off, int end, DecodedPacket out) {
        if (end - off < 16) return skip(SkipReason.TRUNCATED_L2);
        return etherType(u16(b, off + 14), b, off + 16, end, out);
    }

    /** Linux cooked capture v2: 20 bytes, the protocol (an EtherType) first. */
    private Outcome sll2(byte[] b, int off, int end, DecodedPacket out) {
        if (end - off < 20) return skip(SkipReason.TRUNCATED_L2);
        return etherType(u16(b, off), b, off + 20, end, out);
    }

    /**
     * BSD loopback: a 4-byte address family, in the capturing host's byte order for NULL and network
     * order for LOOP. AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD, OpenBSD), 28 (FreeBSD) or 30
     * (Darwin). A NULL family that is not a known value read little-endian is tried big-endian.
     */
    private Outcome loopback(byte[] b, int off, int end, boolean networkOrder, DecodedPacket out) {
        if (end - off < 4) return skip(SkipReason.TRUNCATED_L2);
        int family = i32(b, off);
        if (!networkOrder && family != 2 && !isInet6Family(family)) family = Integer.reverseBytes(family);
        if (family == 2) return ipv4(b, off + 4, end, out);
        if (isInet6Family(family)) return ipv6(b, off + 4, end, out);
        return skip(SkipReason.NON_IP);
    }

    private static boolean isInet6Family(int family) {
        return family == 24 || family == 28 || family == 30;
    }

    /** Raw IP: the version nibble tells IPv4 from IPv6. */
    private Outcome rawIp(byte[] b, int off, int end, DecodedPacket out) {
        if (off >= end) return skip(SkipReason.TRUNCATED_L2);
        return switch (u8(b, off) >>> 4) {
            case 4 -> ipv4(b, off, end, out);
            case 6 -> ipv6(b, off, end, out);
            default -> skip(SkipReason.NON_IP);
        };
    }

    /** Strips IEEE 802.1Q tags, stacked for QinQ (802.1ad 0x88a8, or the older 0x9100), then dispatches. */
    private Outcome etherType(int type, byte[] b, int off, int end, DecodedPacket out) {
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
            if (end - off < 4) return skip(SkipReason.TRUNCATED_L2);
            type = u16(b, off + 2); // after the 2-byte TCI
            off += 4;
        }
        if (type == ETHERTYPE_IPV4) return ipv4(b, off, end, out);
        if (type == ETHERTYPE_IPV6) return ipv6(b, off, end, out);
        return skip(SkipReason.NON_IP);
    }

    // ---- IP ------------------------------------------------------------------------------------

    /** RFC 791 §3.1. */
    private Outcome ipv4(byte[] b, int off, int end, DecodedPacket out) {
        if (end - off < 20 || (u8(b, off) >>> 4) != 4) return skip(SkipReason.BAD_IPV4_HEADER);
        int headerLength = (u8(b, off) & 0x0F) * 4;
        int totalLength = u16(b, off + 2);
        if (headerLength < 20 || headerLength > end - off) return skip(SkipReason.BAD_IPV4_HEADER);
        int ipEnd = end;
        int missing = 0;
        // Total length 0 is what TCP segmentation offload leaves in captures of outgoing packets: trust the capture.
        if (totalLength != 0) {
            if (totalLength < headerLength) return skip(SkipReason.BAD_IPV4_HEADER);
            if (totalLength <= end - off) {
                ipEnd = off + totalLength; // drops Ethernet padding
            } else {
                missing = totalLength - (end - off); // cut by the snap length
            }
        }
        int protocol = u8(b, off + 9);
        out.setIp(4, 0, IpAddress.v4Lo(i32(b, off + 12)), 0, IpAddress.v4Lo(i32(b, off + 16)));
        int flagsAndOffset = u16(b, off + 6);
        if ((flagsAndOffset & 0x3FFF) == 0) return transport(protocol, b, off + headerLength, ipEnd, missing, out);

        // A fragment: MF set or a non-zero offset (RFC 791 §3.2).
        if (missing > 0) return skip(SkipReason.FRAGMENT_INVALID);
        if (!worthReassembling(protocol)) return skip(SkipReason.NOT_TCP_OR_UDP);
        int n = defrag.offer(4, out.srcHi(), out.srcLo(), out.dstHi(), out.dstLo(), u16(b, off + 4), protocol, tunnelId,
                (flagsAndOffset & 0x1FFF) * 8, (flagsAndOffset & 0x2000) != 0,
                b, off + headerLength, ipEnd - off - headerLength, timestampMicros, wireLength);
        return reassembled(n, false, out);
    }

    private boolean worthReassembling(int protocol) {
        return protocol == IPPROTO_TCP || protocol == IPPROTO_UDP
                || (decapIpip && (protocol == IPPROTO_IPIP || protocol == IPPROTO_IPV6))
                || (decapGre && protocol == IPPROTO_GRE);
    }

    /** RFC 8200 §3. */
    private Outcome ipv6(byte[] b, int off, int end, DecodedPacket out) {
        if (end - off < 40 || (u8(b, off) >>> 4) != 6) return skip(SkipReason.BAD_IPV6_HEADER);
        int payloadLength = u16(b, off + 4);
        int ipEnd = end;
        int missing = 0;
        // Payload length 0 means a jumbogram (RFC 2675) or a TSO capture: trust the capture.
        if (payloadLength != 0) {
            if (payloadLength <= end - off - 40) {
                ipEnd = off + 40 + payloadLength;
            } else {
                missing = payloadLength - (end - off - 40);
            }
        }
        out.setIp(6, i64(b, off + 8), i64(b, off + 16), i64(b, off + 24), i64(b, off + 32));
        return ipv6Headers(u8(b, off + 6), b, off + 40, ipEnd, missing, false, out);
    }

    /**
     * Walks the IPv6 extension headers (RFC 8200 §4) to the upper layer. Every header is at least 8
     * bytes long, so the walk ends. {@code reassembled}: the bytes already came out of reassembly.
     */
    private Outcome ipv6Headers(int next, byte[] b, int off, int end, int missing, boolean reassembled,
                                DecodedPacket out) {
        while (true) {
            switch (next) {
                case IPPROTO_HOPOPTS, IPPROTO_ROUTING, IPPROTO_DSTOPTS -> {
                    // RFC 8200 §4.3-4.6: length in 8-byte units, not counting the first 8
                    if (end - off < 8) return skip(SkipReason.BAD_IPV6_HEADER);
                    int length = (u8(b, off + 1) + 1) * 8;
                    if (length > end - off) return skip(SkipReason.BAD_IPV6_HEADER);
                    next = u8(b, off);
                    off += length;
                }
                case IPPROTO_AH -> {
                    // RFC 4302 §2.2: length in 4-byte units, minus 2
                    if (end - off < 8) return skip(SkipReason.BAD_IPV6_HEADER);
                    int length = (u8(b, off + 1) + 2) * 4;
                    if (length > end - off) return skip(SkipReason.BAD_IPV6_HEADER);
                    next = u8(b, off);
                    off += length;
                }
                case IPPROTO_FRAGMENT -> {
                    // RFC 8200 §4.5: next header, reserved, offset (13 bits, 8-byte units) + M flag, identification
                    if (end - off < 8) return skip(SkipReason.BAD_IPV6_HEADER);
                    int fragmentNext = u8(b, off);
                    int offsetAndFlags = u16(b, off + 2);
                    int id = i32(b, off + 4);
                    off += 8;
                    boolean more = (offsetAndFlags & 1) != 0;
                    int fragmentOffset = offsetAndFlags & 0xFFF8;
                    if (fragmentOffset == 0 && !more) { // an atomic fragment (RFC 6946): nothing to reassemble
                        next = fragmentNext;
                        continue;
                    }
                    if (reassembled || missing > 0) return skip(SkipReason.FRAGMENT_INVALID);
                    int n = defrag.offer(6, out.srcHi(), out.srcLo(), out.dstHi(), out.dstLo(), id, fragmentNext,
                            tunnelId, fragmentOffset, more, b, off, end - off, timestampMicros, wireLength);
                    return reassembled(n, true, out);
                }
                default -> {
                    return transport(next, b, off, end, missing, out);
                }
            }
        }
    }

    /** Continues after {@link IpDefragmenter#offer}: n is a datagram length or BUFFERED/DROPPED. */
    private Outcome reassembled(int n, boolean ipv6, DecodedPacket out) {
        if (n == IpDefragmenter.BUFFERED) return Outcome.BUFFERED;
        if (n == IpDefragmenter.DROPPED) return skip(defrag.dropReason());
        wireLength = defrag.completedWireLength();
        byte[] datagram = defrag.datagram();
        int protocol = defrag.completedProtocol();
        return ipv6
                ? ipv6Headers(protocol, datagram, 0, n, 0, true, out)
                : transport(protocol, datagram, 0, n, 0, out);
    }

    // ---- transport and tunnels -----------------------------------------------------------------

    /**
     * Dispatches on the IP protocol. {@code end} is the last captured byte of the IP payload and
     * {@code missing} the bytes the IP header declares beyond it.
     */
    private Outcome transport(int protocol, byte[] b, int off, int end, int missing, DecodedPacket out) {
        return switch (protocol) {
            case IPPROTO_TCP -> tcp(b, off, end, missing, out);
            case IPPROTO_UDP -> udp(b, off, end, missing, out);
            case IPPROTO_IPIP, IPPROTO_IPV6 -> decapIpip ? ipInIp(protocol, b, off, end, out) : skip(SkipReason.NOT_TCP_OR_UDP);
            case IPPROTO_GRE -> decapGre ? gre(b, off, end, out) : skip(SkipReason.NOT_TCP_OR_UDP);
            default -> skip(SkipReason.NOT_TCP_OR_UDP);
        };
    }

    /** IPv4 (protocol 4, RFC 2003) or IPv6 (protocol 41, RFC 4213) straight inside IP. */
    private Outcome ipInIp(int protocol, byte[] b, int off, int end, DecodedPacket out) {
        if (!enterTunnel()) return tooDeep();
        return protocol == IPPROTO_IPIP ? ipv4(b, off, end, out) : ipv6(b, off, end, out);
    }

    /** RFC 9293 §3.1. Options are skipped through the data offset. */
    private Outcome tcp(byte[] b, int off, int end, int missing, DecodedPacket out) {
        if (end - off < 20) return skip(SkipReason.BAD_TCP_HEADER);
        int headerLength = (u8(b, off + 12) >>> 4) * 4;
        if (headerLength < 20 || headerLength > end - off) return skip(SkipReason.BAD_TCP_HEADER);
        out.setTcp(u16(b, off), u16(b, off + 2), i32(b, off + 4), i32(b, off + 8), u8(b, off + 13), u16(b, off + 14));
        return emit(b, off + headerLength, end - off - headerLength, missing, out);
    }

    /** RFC 768. */
    private Outcome udp(byte[] b, int off, int end, int missing, DecodedPacket out) {
        if (end - off < 8) return skip(SkipReason.BAD_UDP_HEADER);
        int udpLength = u16(b, off + 4);
        int declared = end - off + missing;
        if (udpLength != 0) { // 0: a jumbogram (RFC 2675 §4) or a GSO capture; keep the IP length
            if (udpLength < 8 || udpLength > declared) return skip(SkipReason.BAD_UDP_HEADER);
            declared = udpLength;
        }
        int payload = off + 8;
        int payloadLength = Math.min(end - payload, declared - 8);
        int dstPort = u16(b, off + 2);
        // RFC 7348 §5: 8-byte VXLAN header, flags with the I bit (0x08), 24-bit VNI, then an Ethernet frame.
        if (decapVxlan && (vxlanPorts[dstPort >>> 6] & (1L << dstPort)) != 0
                && payloadLength >= 8 && (u8(b, payload) & 0x08) != 0) {
            if (!enterTunnel()) return tooDeep();
            tunnelId = (i32(b, payload + 4) >>> 8) & 0xFF_FFFFL;
            return ethernet(b, payload + 8, payload + payloadLength, out);
        }
        out.setUdp(u16(b, off), dstPort);
        return emit(b, payload, payloadLength, declared - 8 - payloadLength, out);
    }

    /** RFC 2784 with RFC 2890's key and sequence number. */
    private Outcome gre(byte[] b, int off, int end, DecodedPacket out) {
        if (end - off < 4) return skip(SkipReason.BAD_TUNNEL_HEADER);
        int flags = u16(b, off);
        int type = u16(b, off + 2);
        // Version 1 is PPTP's enhanced GRE (RFC 2637); the routing bit belongs to the obsolete RFC 1701.
        if ((flags & 0x0007) != 0 || (flags & 0x4000) != 0) return skip(SkipReason.UNSUPPORTED_TUNNEL);
        boolean sequenced = (flags & 0x1000) != 0;
        int p = off + 4 + ((flags & 0x8000) != 0 ? 4 : 0) + ((flags & 0x2000) != 0 ? 4 : 0) + (sequenced ? 4 : 0);
        if (p > end) return skip(SkipReason.BAD_TUNNEL_HEADER);
        switch (type) {
            case ETHERTYPE_TEB, ETHERTYPE_IPV4, ETHERTYPE_IPV6 -> { }
            case ETHERTYPE_ERSPAN_2 -> {
                // ERSPAN type II has an 8-byte header and a GRE sequence number; type I has neither.
                if (sequenced) p += 8;
            }
            case ETHERTYPE_ERSPAN_3 -> {
                // ERSPAN type III: 12 bytes, then 8 more when the O flag (lowest bit of byte 11) is set.
                if (end - p < 12) return skip(SkipReason.BAD_TUNNEL_HEADER);
                p += (u8(b, p + 11) & 1) != 0 ? 20 : 12;
            }
            default -> {
                return skip(SkipReason.UNSUPPORTED_TUNNEL);
            }
        }
        if (p > end) return skip(SkipReason.BAD_TUNNEL_HEADER);
        if (!enterTunnel()) return tooDeep();
        return switch (type) {
            case ETHERTYPE_IPV4 -> ipv4(b, p, end, out);
            case ETHERTYPE_IPV6 -> ipv6(b, p, end, out);
            default -> ethernet(b, p, end, out);
        };
    }

    private boolean enterTunnel() {
        if (tunnelDepth >= maxTunnelDepth) return false;
        tunnelDepth++;
        stats.decapsulations++;
        return true;
    }

    private Outcome tooDeep() {
        return skip(SkipReason.TUNNEL_TOO_DEEP);
    }

    private Outcome emit(byte[] b, int payloadOffset, int payloadLength, int missing, DecodedPacket out) {
        out.setPayload(b, payloadOffset, payloadLength);
        out.setMissingBytes(missing);
        out.setFrame(timestampMicros, wireLength, tunnelId);
        stats.packets++;
        if (missing > 0) stats.truncatedPayloads++;
        return Outcome.PACKET;
    }

    private Outcome skip(SkipReason reason) {
        lastSkipReason = reason;
        stats.skip(reason);
        return Outcome.SKIPPED;
    }
}
