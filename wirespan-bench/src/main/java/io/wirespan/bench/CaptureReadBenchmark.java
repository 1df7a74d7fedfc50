package io.wirespan.bench;

import io.wirespan.engine.capture.CaptureFiles;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.capture.PcapWriter;
import io.wirespan.engine.capture.RawPacket;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the capture reader alone: one operation is one packet. {@value #PACKETS} packets
 * sampled evenly from {@code file} are held in memory as a classic pcap, so the disk and page
 * cache stay out of the figure, and every invocation reads all of them through
 * {@link CaptureFiles}, as the pipeline does with standard input.
 *
 * <p>Not final: JMH generates subclasses of its state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class CaptureReadBenchmark {
    /** Packets per invocation; a constant because {@link OperationsPerInvocation} needs one. */
    static final int PACKETS = 1_000_000;
    private static final int MAX_IN_MEMORY = Integer.MAX_VALUE - 64;

    /** The capture to read; bench/make-capture writes the default one. */
    @Param("wirespan-bench/target/capture/big.pcap")
    public String file;

    private byte[] capture;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path.toAbsolutePath() + " does not exist: make it with bench/make-capture,"
                    + " or pass another capture with -p file=PATH");
        }
        long available = CaptureCount.count(path).packets();
        if (available < PACKETS) {
            throw new IllegalStateException(path + " holds " + available + " packets; the benchmark reads " + PACKETS
                    + ": make a bigger capture with bench/make-capture --packets");
        }
        int stride = (int) Math.min(Integer.MAX_VALUE, available / PACKETS);
        capture = sample(path, stride, PACKETS);
        System.out.printf(Locale.ROOT, "%nCaptureReadBenchmark: %,d packets, %,d bytes in memory (%.1f bytes/packet),"
                + " every %d. packet of %s%n", PACKETS, capture.length, (double) capture.length / PACKETS, stride, path);
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long read() throws IOException {
        RawPacket packet = new RawPacket();
        long packets = 0;
        long bytes = 0;
        try (PacketSource source = CaptureFiles.open("in-memory",
                Channels.newChannel(new ByteArrayInputStream(capture)), capture.length)) {
            while (source.next(packet)) {
                packets++;
                bytes += packet.capturedLength();
            }
        }
        if (packets != PACKETS) {
            throw new IllegalStateException("read " + packets + " packets, expected " + PACKETS);
        }
        return bytes;
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
