package io.wirespan.engine.decode;

/**
 * Tunnels the decoder can strip. The codes are DeepFlow's values for
 * {@code inputs.cbpf.preprocess.tunnel_decap_protocols}.
 */
public enum TunnelProtocol {
    /** VXLAN over UDP (RFC 7348); the VNI becomes {@link DecodedPacket#tunnelId()}. */
    VXLAN(1),
    /** IPv4 or IPv6 directly inside IPv4 or IPv6 (IP protocols 4 and 41; RFC 2003, RFC 4213). */
    IPIP(2),
    /** GRE (RFC 2784, RFC 2890) carrying Ethernet, IPv4, IPv6 or ERSPAN. */
    GRE(3);

    private final int code;

    TunnelProtocol(int code) {
        this.code = code;
    }

    /** DeepFlow's number for this tunnel type. */
    public int code() {
        return code;
    }

    /**
     * The tunnel type for a DeepFlow code.
     *
     * @throws IllegalArgumentException for codes this decoder does not support (DeepFlow's 4 Geneve,
     *     5 VXLAN-NSH, and anything else)
     */
    public static TunnelProtocol fromCode(int code) {
        for (TunnelProtocol p : values()) {
            if (p.code == code) return p;
        }
        throw new IllegalArgumentException("unsupported tunnel_decap_protocols value: " + code
                + " (expected 1 VXLAN, 2 IPIP or 3 GRE)");
    }
}
