package io.wirespan.bench;

import io.wirespan.engine.capture.CaptureFiles;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.capture.RawPacket;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.pipeline.EngineSettings;
import io.wirespan.engine.pipeline.FlowRecorder;
import io.wirespan.engine.pipeline.Pipeline;
import io.wirespan.engine.protocol.L7Engine;
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
 * The packet path against a plain read of the same bytes: one operation is one packet. The first
 * {@value #PACKETS} packets of {@code file} are held in memory; unlike the reader benchmark they are
 * contiguous, so TCP streams stay whole and reassembly does its real work. The methods' ratios
 * are the costs of decode + flows + reassembly, and of the protocol engine on top, relative to
 * reading.
 *
 * <p>Not final: JMH generates subclasses of its state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class PipelineBenchmark {
    static final int PACKETS = 1_000_000;

    /** The capture to read; bench/make-capture writes the default one. */
    @Param("wirespan-bench/target/capture/big.pcap")
    public String file;

    private byte[] capture;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path path = InMemoryCapture.existing(file);
        capture = InMemoryCapture.sample(path, 1, PACKETS);
        System.out.printf(Locale.ROOT, "%nPipelineBenchmark: the first %,d packets of %s, %,d bytes in memory%n",
                PACKETS, path, capture.length);
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long read() throws IOException {
        RawPacket packet = new RawPacket();
        long packets = 0;
        try (PacketSource source = open()) {
            while (source.next(packet)) packets++;
        }
        return check(packets);
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long readDecodeFlowsReassembly() throws IOException {
        Pipeline pipeline = new Pipeline(EngineSettings.DEFAULTS, new FlowRecorder(0));
        try (PacketSource source = open()) {
            pipeline.run(source, position -> {});
        }
        return check(pipeline.frames()) + pipeline.flowStats().flowsCreated();
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long readDecodeFlowsReassemblyParse() throws IOException {
        long[] callLogs = new long[1];
        L7Engine protocols = L7Engine.create(Config.defaults(), log -> callLogs[0]++);
        Pipeline pipeline = new Pipeline(EngineSettings.DEFAULTS, protocols);
        try (PacketSource source = open()) {
            pipeline.run(source, position -> {});
        }
        protocols.flush();
        return check(pipeline.frames()) + callLogs[0];
    }

    private PacketSource open() throws IOException {
        return CaptureFiles.open("in-memory", Channels.newChannel(new ByteArrayInputStream(capture)), capture.length);
    }

    private static long check(long packets) {
        if (packets != PACKETS) throw new IllegalStateException("read " + packets + " packets, expected " + PACKETS);
        return packets;
    }
}
