package io.wirespan.bench;

import io.wirespan.engine.capture.PcapWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Ethernet/IPv4 frames with correct checksums, and captures made of them. */
final class TestFrames {
    static final int LOOPBACK = 0x7F000001;

    private TestFrames() {}

    record Timed(long micros, byte[] frame) {}

    static Path capture(Path file, List<Timed> frames) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            PcapWriter writer = new PcapWriter(out, FrameLayout.LINKTYPE_ETHERNET, 65535);
            for (Timed timed : frames) {
                writer.write(timed.micros(), timed.frame(), 0, timed.frame().length, timed.frame().length);
            }
            writer.close();
        }
        return file;
    }

    static byte[] tcp(int source, int sourcePort, int destination, int destinationPort, String payload) {
        return ipv4(FrameLayout.TCP, source, destination, 0, 0, transport(FrameLayout.TCP, source, sourcePort,
                destination, destinationPort, payload.getBytes()), 0);
    }

    static byte[] udp(int source, int sourcePort, int destination, int destinationPort, String payload) {
        return ipv4(FrameLayout.UDP, source, destination, 0, 0, transport(FrameLayout.UDP, source, sourcePort,
                destination, destinationPort, payload.getBytes()), 0);
    }

    /** A TCP/UDP header and payload with its checksum over the pseudo-header. */
    static byte[] transport(int protocol, int source, int sourcePort, int destination, int destinationPort,
                            byte[] payload) {
        int headerLength = protocol == FrameLayout.TCP ? 20 : 8;
        ByteBuffer segment = ByteBuffer.allocate(headerLength + payload.length);
        segment.putShort((short) sourcePort).putShort((short) destinationPort);
        if (protocol == FrameLayout.TCP) {
            segment.putInt(1000).putInt(2000).put((byte) 0x50).put((byte) 0x18).putShort((short) 65535)
                    .putShort((short) 0).putShort((short) 0);
        } else {
            segment.putShort((short) (8 + payload.length)).putShort((short) 0);
        }
        segment.put(payload);
        byte[] bytes = segment.array();
        ByteBuffer pseudo = ByteBuffer.allocate(12 + bytes.length);
        pseudo.putInt(source).putInt(destination).put((byte) 0).put((byte) protocol)
                .putShort((short) bytes.length).put(bytes);
        int checksum = Checksums.compute(pseudo.array(), 0, pseudo.capacity());
        int at = protocol == FrameLayout.TCP ? 16 : 6;
        FrameLayout.putUint16(bytes, at, checksum);
        return bytes;
    }

    /** Ethernet, {@code vlanTags} 802.1Q tags, and an IPv4 header with a correct checksum. */
    static byte[] ipv4(int protocol, int source, int destination, int id, int flagsAndOffset, byte[] payload,
                       int vlanTags) {
        ByteBuffer frame = ByteBuffer.allocate(14 + 4 * vlanTags + 20 + payload.length);
        frame.put(new byte[12]);
        for (int i = 0; i < vlanTags; i++) {
            frame.putShort((short) 0x8100).putShort((short) (100 + i));
        }
        frame.putShort((short) 0x0800);
        int ip = frame.position();
        frame.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) id)
                .putShort((short) flagsAndOffset).put((byte) 64).put((byte) protocol).putShort((short) 0)
                .putInt(source).putInt(destination).put(payload);
        byte[] bytes = frame.array();
        FrameLayout.putUint16(bytes, ip + 10, Checksums.compute(bytes, ip, 20));
        return bytes;
    }

    static byte[] arp() {
        byte[] frame = new byte[42];
        frame[12] = 0x08;
        frame[13] = 0x06;
        frame[20] = 1;
        return frame;
    }
}
