package io.wirespan.engine.flow;

import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.decode.IpAddress;
import java.nio.charset.StandardCharsets;

/** Builds decoded packets by hand for tests (test-only; the real decoder fills them in production). */
final class TestPackets {
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
}
