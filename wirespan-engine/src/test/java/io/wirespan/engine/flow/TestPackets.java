package io.wirespan.engine.flow;

import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.decode.IpAddress;
import io.wirespan.engine.testing.CapturePackets;
import io.wirespan.engine.testing.CapturePackets.TimedFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds decoded packets by hand for tests (the real decoder fills them in production), and turns
 * them into Ethernet frames for generated captures.
 */
final class TestPackets {
    private static final int ETHERNET = 1;

    private TestPackets() {}

    static DecodedPacket tcp(long ts, String src, int srcPort, String dst, int dstPort, int seq, int ack, int flags, String payload) {
        return tcp(ts, src, srcPort, dst, dstPort, seq, ack, flags, payload.getBytes(StandardCharsets.ISO_8859_1), -1);
    }

    static DecodedPacket tcp(long ts, String src, int srcPort, String dst, int dstPort, int seq, int ack, int flags, byte[] payload, long tunnelId) {
        DecodedPacket p = ip(src, dst);
        p.setTcp(srcPort, dstPort, seq, ack, flags, 65535);
        p.setPayload(payload, 0, payload.length);
        p.setFrame(ts, 54 + payload.length, tunnelId);
        return p;
    }

    static DecodedPacket udp(long ts, String src, int srcPort, String dst, int dstPort, String payload) {
        DecodedPacket p = ip(src, dst);
        p.setUdp(srcPort, dstPort);
        byte[] bytes = payload.getBytes(StandardCharsets.ISO_8859_1);
        p.setPayload(bytes, 0, bytes.length);
        p.setFrame(ts, 42 + bytes.length, -1);
        return p;
    }

    private static DecodedPacket ip(String src, String dst) {
        long[] s = IpAddress.parse(src);
        long[] d = IpAddress.parse(dst);
        DecodedPacket p = new DecodedPacket();
        p.setIp(IpAddress.isV4(s[0], s[1]) ? 4 : 6, s[0], s[1], d[0], d[1]);
        return p;
    }

    /** Writes packets to an Ethernet pcap, each at its own timestamp, for tshark and the real reader. */
    static void writePcap(Path file, List<DecodedPacket> packets) {
        CapturePackets.writePcap(file, ETHERNET, packets.stream()
                .map(p -> new TimedFrame(p.timestampMicros(), ethernetFrame(p)))
                .toList());
    }

    /** The packet as an Ethernet frame: IPv4 (DF, TTL 64) or IPv6 by address, checksums left zero. */
    static byte[] ethernetFrame(DecodedPacket p) {
        boolean v4 = IpAddress.isV4(p.srcHi(), p.srcLo());
        boolean tcp = p.l4Protocol() == DecodedPacket.TCP;
        int l4Length = (tcp ? 20 : 8) + p.payloadLength();
        int ipLength = (v4 ? 20 : 40) + l4Length;
        ByteBuffer b = ByteBuffer.allocate(14 + ipLength); // big-endian, as on the wire
        b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) (v4 ? 0x0800 : 0x86DD));
        if (v4) {
            b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0).putShort((short) 0x4000)
                    .put((byte) 64).put((byte) p.l4Protocol()).putShort((short) 0)
                    .putInt((int) p.srcLo()).putInt((int) p.dstLo());
        } else {
            b.putInt(0x6000_0000).putShort((short) l4Length).put((byte) p.l4Protocol()).put((byte) 64)
                    .putLong(p.srcHi()).putLong(p.srcLo()).putLong(p.dstHi()).putLong(p.dstLo());
        }
        b.putShort((short) p.srcPort()).putShort((short) p.dstPort());
        if (tcp) {
            b.putInt(p.seq()).putInt(p.ack()).put((byte) 0x50).put((byte) p.tcpFlags()).putShort((short) p.window())
                    .putShort((short) 0).putShort((short) 0);
        } else {
            b.putShort((short) l4Length).putShort((short) 0);
        }
        b.put(p.payload(), p.payloadOffset(), p.payloadLength());
        return b.array();
    }
}
