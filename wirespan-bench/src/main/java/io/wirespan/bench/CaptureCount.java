package io.wirespan.bench;

import io.wirespan.engine.capture.CaptureFiles;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.capture.RawPacket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a whole capture with Wirespan's reader and counts packets and bytes: the whole-file,
 * cold-JVM counterpart of {@link CaptureReadBenchmark}, for side-by-side runs with other tools.
 */
public final class CaptureCount {
    private CaptureCount() {}

    /** Packets and captured bytes in a capture. */
    public record Counts(long packets, long capturedBytes) {}

    public static Counts count(Path file) throws IOException {
        long packets = 0;
        long bytes = 0;
        RawPacket packet = new RawPacket();
        try (PacketSource source = CaptureFiles.open(file)) {
            while (source.next(packet)) {
                packets++;
                bytes += packet.capturedLength();
            }
        }
        return new Counts(packets, bytes);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CaptureCount CAPTURE");
            System.exit(2);
        }
        long began = System.nanoTime();
        Counts counts = count(Path.of(args[0]));
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %,d packets, %,d captured bytes, read in %.2f s (%,.0f packets/s)%n",
                args[0], counts.packets(), counts.capturedBytes(), seconds, counts.packets() / seconds);
    }
}
