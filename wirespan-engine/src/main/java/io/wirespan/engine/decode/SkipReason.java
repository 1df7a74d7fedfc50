package io.wirespan.engine.decode;

/**
 * Why a frame produced no packet. Counted in {@link DecodeStats}, never thrown.
 *
 * <p>Most reasons count frames. {@link #FRAGMENT_TIMEOUT}, {@link #FRAGMENT_LIMIT} (when a datagram
 * is evicted) and {@link #FRAGMENT_OVERLAP} count abandoned datagrams, whose earlier fragments were
 * reported as {@link PacketDecoder.Outcome#BUFFERED}.
 */
public enum SkipReason {
    /** The frame is shorter than its link-layer header or VLAN tags. */
    TRUNCATED_L2("l2.truncated"),
    /** A link type this decoder does not read. */
    UNSUPPORTED_LINK_TYPE("l2.unsupported_link_type"),
    /** ARP, LLC, LLDP, an unknown loopback family and other non-IP payloads. */
    NON_IP("l2.non_ip"),
    /** Wrong version, IHL below 5, total length below the header, or the header cut by the snap length. */
    BAD_IPV4_HEADER("ipv4.bad_header"),
    /** Wrong version, or the fixed header or an extension header cut or running past the packet. */
    BAD_IPV6_HEADER("ipv6.bad_header"),
    /** ICMP, ICMPv6, ESP, no next header, SCTP, and tunnels whose decapsulation is switched off. */
    NOT_TCP_OR_UDP("l4.not_tcp_or_udp"),
    /** Header shorter than 20 bytes or a data offset below 5 or past the captured bytes. */
    BAD_TCP_HEADER("tcp.bad_header"),
    /** Header shorter than 8 bytes, or a length field below 8 or past the IP payload. */
    BAD_UDP_HEADER("udp.bad_header"),
    /** A VXLAN, GRE or ERSPAN header cut short. */
    BAD_TUNNEL_HEADER("tunnel.bad_header"),
    /** GRE version 1 (PPTP), GRE source routing, or a GRE payload type other than Ethernet, IP or ERSPAN. */
    UNSUPPORTED_TUNNEL("tunnel.unsupported"),
    /** More nested tunnels than {@link DecodeConfig#maxTunnelDepth()}. */
    TUNNEL_TOO_DEEP("tunnel.too_deep"),
    /** A fragment that is cut by the snap length, misaligned, past 65535 bytes or contradicts the datagram's length. */
    FRAGMENT_INVALID("ipfrag.invalid"),
    /** A fragment whose bytes were all seen already, identically (RFC 8200 §4.5 lets exact duplicates go). */
    FRAGMENT_DUPLICATE("ipfrag.duplicate"),
    /** A datagram abandoned because two of its fragments overlap with different bytes (RFC 5722 §4). */
    FRAGMENT_OVERLAP("ipfrag.overlap"),
    /** A datagram abandoned because it was not complete within the fragment timeout. */
    FRAGMENT_TIMEOUT("ipfrag.timeout"),
    /** A datagram abandoned to stay within the datagram count, byte or pieces-per-datagram bounds. */
    FRAGMENT_LIMIT("ipfrag.limit");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    /** A short dotted name for summaries and metrics, e.g. {@code ipv4.bad_header}. */
    public String label() {
        return label;
    }
}
