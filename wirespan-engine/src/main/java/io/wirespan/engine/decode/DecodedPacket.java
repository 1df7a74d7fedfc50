package io.wirespan.engine.decode;

/**
 * The L3/L4 facts of one packet, after link-layer decoding, tunnel decapsulation and IP
 * reassembly. A {@link PacketDecoder} refills one instance per packet (no allocation on the hot
 * path); the payload is a view valid until the next packet.
 *
 * <p>Addresses are 128-bit values held as two longs; IPv4 addresses are IPv4-mapped IPv6
 * ({@code ::ffff:a.b.c.d}), so one comparison serves both families. {@link IpAddress} formats
 * them.
 */
public final class DecodedPacket {
    public static final int TCP = 6;
    public static final int UDP = 17;

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private long timestampMicros;
    private int ipVersion;
    private long srcHi, srcLo, dstHi, dstLo;
    private int l4Protocol;
    private int srcPort, dstPort;
    private int tcpFlags;
    private int seq, ack, window;
    private byte[] payload = new byte[0];
    private int payloadOffset, payloadLength;
    private int wireLength;
    private long tunnelId = -1;
    private int missingBytes;

    public void setIp(int ipVersion, long srcHi, long srcLo, long dstHi, long dstLo) {
        this.ipVersion = ipVersion;
        this.srcHi = srcHi;
        this.srcLo = srcLo;
        this.dstHi = dstHi;
        this.dstLo = dstLo;
    }

    public void setTcp(int srcPort, int dstPort, int seq, int ack, int flags, int window) {
        this.l4Protocol = TCP;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.seq = seq;
        this.ack = ack;
        this.tcpFlags = flags;
        this.window = window;
    }

    public void setUdp(int srcPort, int dstPort) {
        this.l4Protocol = UDP;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.seq = 0;
        this.ack = 0;
        this.tcpFlags = 0;
        this.window = 0;
    }

    public void setPayload(byte[] payload, int offset, int length) {
        this.payload = payload;
        this.payloadOffset = offset;
        this.payloadLength = length;
    }

    public void setFrame(long timestampMicros, int wireLength, long tunnelId) {
        this.timestampMicros = timestampMicros;
        this.wireLength = wireLength;
        this.tunnelId = tunnelId;
    }

    public long timestampMicros() { return timestampMicros; }
    /** 4 or 6. */
    public int ipVersion() { return ipVersion; }
    public long srcHi() { return srcHi; }
    public long srcLo() { return srcLo; }
    public long dstHi() { return dstHi; }
    public long dstLo() { return dstLo; }
    /** {@link #TCP} or {@link #UDP}. */
    public int l4Protocol() { return l4Protocol; }
    public int srcPort() { return srcPort; }
    public int dstPort() { return dstPort; }
    /** TCP flag bits ({@link #SYN}, {@link #ACK}, ...); 0 for UDP. */
    public int tcpFlags() { return tcpFlags; }
    public boolean hasFlag(int flag) { return (tcpFlags & flag) != 0; }
    /** TCP sequence number, unsigned 32 bits held in an int (compare with wrap-around arithmetic). */
    public int seq() { return seq; }
    public int ack() { return ack; }
    public int window() { return window; }
    public byte[] payload() { return payload; }
    public int payloadOffset() { return payloadOffset; }
    public int payloadLength() { return payloadLength; }
    /** Length of the outermost frame on the wire, for byte counters. */
    public int wireLength() { return wireLength; }
    /** VXLAN VNI of the tunnel the packet came out of, or -1. */
    public long tunnelId() { return tunnelId; }

    /** Sets {@link #missingBytes()}; the decoder calls it with every {@link #setPayload}. */
    public void setMissingBytes(int missingBytes) {
        this.missingBytes = missingBytes;
    }

    /**
     * Payload bytes the IP/UDP headers declare beyond the captured ones (cut by the snap length), 0
     * when the payload is whole. A TCP segment spans {@code payloadLength() + missingBytes()} of
     * sequence space.
     */
    public int missingBytes() { return missingBytes; }
}
