package io.wirespan.engine.testing;

import io.wirespan.engine.capture.CaptureFiles;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.capture.PcapWriter;
import io.wirespan.engine.capture.RawPacket;
import io.wirespan.engine.decode.DecodedPacket;
import io.wirespan.engine.decode.PacketDecoder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Captures read through the real {@link CaptureFiles} readers and {@link PacketDecoder}, and
 * written with the real {@link PcapWriter}, so tests exercise the code that runs in production
 * rather than a test-only parser.
 */
public final class CapturePackets {
    /** Snap length of the captures tests write: every generated frame fits. */
    public static final int SNAP_LENGTH = 262144;

    /** One frame to write: its bytes and when it was captured. */
    public record TimedFrame(long timestampMicros, byte[] data) {}

    private CapturePackets() {}

    /**
     * Calls {@code visitor} with every frame of a pcap or pcapng file. The {@link RawPacket} is the
     * reader's view, refilled for each frame: a visitor that keeps bytes copies them.
     */
    public static void forEachFrame(Path capture, Consumer<RawPacket> visitor) {
        try (PacketSource source = CaptureFiles.open(capture)) {
            RawPacket frame = new RawPacket();
            while (source.next(frame)) {
                visitor.accept(frame);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(capture + ": " + e.getMessage(), e);
        }
    }

    /** The TCP and UDP packets of a capture, decoded with the default settings; each an independent copy. */
    public static List<DecodedPacket> decode(Path capture) {
        return decode(capture, new PacketDecoder());
    }

    /** The packets {@code decoder} emits for a capture (fragments held for reassembly emit none); each a copy. */
    public static List<DecodedPacket> decode(Path capture, PacketDecoder decoder) {
        List<DecodedPacket> packets = new ArrayList<>();
        DecodedPacket view = new DecodedPacket();
        forEachFrame(capture, frame -> {
            if (decoder.decode(frame, view) == PacketDecoder.Outcome.PACKET) {
                packets.add(copyOf(view));
            }
        });
        return packets;
    }

    /** A copy of a decoded packet that outlives the decoder's next call: the payload is copied too. */
    public static DecodedPacket copyOf(DecodedPacket p) {
        DecodedPacket copy = new DecodedPacket();
        copy.setIp(p.ipVersion(), p.srcHi(), p.srcLo(), p.dstHi(), p.dstLo());
        if (p.l4Protocol() == DecodedPacket.TCP) {
            copy.setTcp(p.srcPort(), p.dstPort(), p.seq(), p.ack(), p.tcpFlags(), p.window());
        } else {
            copy.setUdp(p.srcPort(), p.dstPort());
        }
        byte[] payload = Arrays.copyOfRange(p.payload(), p.payloadOffset(), p.payloadOffset() + p.payloadLength());
        copy.setPayload(payload, 0, payload.length);
        copy.setMissingBytes(p.missingBytes());
        copy.setFrame(p.timestampMicros(), p.wireLength(), p.tunnelId());
        return copy;
    }

    /** Writes whole frames (captured length = wire length) to a classic microsecond pcap. */
    public static void writePcap(Path file, int linkType, List<TimedFrame> frames) {
        try (OutputStream out = Files.newOutputStream(file);
             PcapWriter writer = new PcapWriter(out, linkType, SNAP_LENGTH)) {
            for (TimedFrame frame : frames) {
                writer.write(frame.timestampMicros(), frame.data(), 0, frame.data().length, frame.data().length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
