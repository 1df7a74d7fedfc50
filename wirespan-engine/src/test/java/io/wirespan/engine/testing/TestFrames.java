package io.wirespan.engine.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Frames made by hand for captures a test writes with {@link CapturePackets#writePcap}. */
public final class TestFrames {
    /** LINKTYPE_IPV4: frames that start with the IPv4 header. */
    public static final int LINKTYPE_IPV4 = 228;

    private TestFrames() {}

    /**
     * An IPv4/TCP segment from 10.0.0.{@code srcHost} to 10.0.0.{@code dstHost} with ACK and PSH set
     * and the ASCII {@code payload}; checksums are left zero, which the decoder does not check.
     */
    public static byte[] ipv4Tcp(int srcHost, int srcPort, int dstHost, int dstPort, int seq, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer frame = ByteBuffer.allocate(40 + data.length);
        frame.put((byte) 0x45).put((byte) 0).putShort((short) (40 + data.length)).putInt(0)
                .put((byte) 64).put((byte) 6).putShort((short) 0)
                .put(new byte[] {10, 0, 0, (byte) srcHost}).put(new byte[] {10, 0, 0, (byte) dstHost});
        frame.putShort((short) srcPort).putShort((short) dstPort).putInt(seq).putInt(1)
                .put((byte) 0x50).put((byte) 0x18).putShort((short) 65535).putInt(0);
        return frame.put(data).array();
    }
}
