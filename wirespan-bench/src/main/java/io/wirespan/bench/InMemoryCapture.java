package io.wirespan.bench;

import io.wirespan.engine.capture.CaptureFiles;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.capture.PcapWriter;
import io.wirespan.engine.capture.RawPacket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Packets of a capture file held in memory as a classic pcap, so benchmarks leave the disk out. */
final class InMemoryCapture {
    private static final int MAX_IN_MEMORY = Integer.MAX_VALUE - 64;

    private InMemoryCapture() {}

    /** The benchmark's capture, or a failure that says how to make it. */
    static Path existing(String file) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path.toAbsolutePath() + " does not exist: make it with bench/make-capture,"
                    + " or pass another capture with -p file=PATH");
        }
        return path;
    }

    /**
     * Rewrites every {@code stride}-th packet of a capture, {@code count} of them, as one classic
     * pcap in memory. Sampling the whole file, rather than taking its beginning, keeps the mix of
     * packet sizes of the whole capture, whose traffic changes over time.
     */
    static byte[] sample(Path file, int stride, int count) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Files.size(file) / stride, 256 << 20));
        long index = 0;
        int written = 0;
        long bytes = 24;
        try (PacketSource source = CaptureFiles.open(file)) {
            RawPacket packet = new RawPacket();
            PcapWriter writer = null;
            while (written < count && source.next(packet)) {
                if (index++ % stride != 0) {
                    continue;
                }
                if (writer == null) {
                    writer = new PcapWriter(out, packet.linkType(), 262144);
                }
                bytes += 16 + packet.capturedLength();
                if (bytes > MAX_IN_MEMORY) {
                    throw new IllegalStateException(file + ": " + count + " packets exceed 2 GiB");
                }
                writer.write(packet.timestampMicros(), packet.data(), packet.offset(), packet.capturedLength(),
                        packet.originalLength());
                written++;
            }
            if (writer != null) {
                writer.close();
            }
        }
        if (written < count) {
            throw new IllegalStateException(file + ": only " + written + " packets sampled, expected " + count);
        }
        return out.toByteArray();
    }
}
