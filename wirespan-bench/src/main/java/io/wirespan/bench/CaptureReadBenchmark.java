package io.wirespan.bench;

import io.wirespan.engine.capture.CaptureFiles;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.capture.RawPacket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
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

    /** The capture to read; bench/make-capture writes the default one. */
    @Param("wirespan-bench/target/capture/big.pcap")
    public String file;

    private byte[] capture;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path path = InMemoryCapture.existing(file);
        long available = CaptureCount.count(path).packets();
        if (available < PACKETS) {
            throw new IllegalStateException(path + " holds " + available + " packets; the benchmark reads " + PACKETS
                    + ": make a bigger capture with bench/make-capture --packets");
        }
        int stride = (int) Math.min(Integer.MAX_VALUE, available / PACKETS);
        capture = InMemoryCapture.sample(path, stride, PACKETS);
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
}
