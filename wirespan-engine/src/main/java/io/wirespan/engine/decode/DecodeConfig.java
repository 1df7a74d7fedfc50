package io.wirespan.engine.decode;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of a {@link PacketDecoder}, validated once.
 *
 * @param tunnelDecap tunnels to strip (DeepFlow's {@code inputs.cbpf.preprocess.tunnel_decap_protocols},
 *     default VXLAN and IPIP as in DeepFlow); a tunnel not listed is reported as what it is on the
 *     outside (VXLAN as UDP, IPIP and GRE as {@link SkipReason#NOT_TCP_OR_UDP})
 * @param vxlanPorts UDP destination ports that carry VXLAN: 4789 (RFC 7348 §5) and 8472 (Linux's
 *     default, used by flannel)
 * @param maxTunnelDepth how many tunnel headers one frame may have stripped; deeper frames are
 *     skipped as {@link SkipReason#TUNNEL_TOO_DEEP}
 * @param fragmentMaxDatagrams datagrams reassembled at once; the oldest is dropped to make room
 * @param fragmentMaxBytes bytes held by incomplete datagrams; at least 65535 so that any one datagram
 *     fits (Linux's {@code ipfrag_high_thresh} is 4 MiB)
 * @param fragmentTimeout how long after its first fragment, in capture time, a datagram may stay
 *     incomplete (Linux's {@code ipfrag_time} is 30 s)
 */
public record DecodeConfig(
        Set<TunnelProtocol> tunnelDecap,
        Set<Integer> vxlanPorts,
        int maxTunnelDepth,
        int fragmentMaxDatagrams,
        int fragmentMaxBytes,
        Duration fragmentTimeout) {

    public static final DecodeConfig DEFAULTS = new DecodeConfig(
            EnumSet.of(TunnelProtocol.VXLAN, TunnelProtocol.IPIP),
            Set.of(4789, 8472),
            3,
            1024,
            4 << 20,
            Duration.ofSeconds(30));

    public DecodeConfig {
        Objects.requireNonNull(tunnelDecap, "tunnel_decap_protocols");
        Objects.requireNonNull(vxlanPorts, "vxlan_ports");
        Objects.requireNonNull(fragmentTimeout, "ip_fragment.timeout");
        tunnelDecap = Set.copyOf(tunnelDecap);
        vxlanPorts = Set.copyOf(vxlanPorts);
        for (int port : vxlanPorts) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("vxlan_ports: " + port + " (expected: 1..65535)");
            }
        }
        if (maxTunnelDepth < 0 || maxTunnelDepth > 8) {
            throw new IllegalArgumentException("max_tunnel_depth: " + maxTunnelDepth + " (expected: 0..8)");
        }
        if (fragmentMaxDatagrams < 1 || fragmentMaxDatagrams > 65536) {
            throw new IllegalArgumentException(
                    "ip_fragment.max_datagrams: " + fragmentMaxDatagrams + " (expected: 1..65536)");
        }
        if (fragmentMaxBytes < 65535 || fragmentMaxBytes > (1 << 30)) {
            throw new IllegalArgumentException(
                    "ip_fragment.max_bytes: " + fragmentMaxBytes + " (expected: 65535..1073741824)");
        }
        if (fragmentTimeout.isNegative() || fragmentTimeout.isZero() || fragmentTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("ip_fragment.timeout: " + fragmentTimeout + " (expected: > 0 and <= 1h)");
        }
    }
}
