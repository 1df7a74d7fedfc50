package io.wirespan.cli;

import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.capture.RawPacket;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.pipeline.EngineSettings;
import io.wirespan.engine.pipeline.FlowRecorder;
import io.wirespan.engine.pipeline.Pipeline;
import io.wirespan.engine.protocol.L7Engine;
import io.wirespan.engine.sink.TextTable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code parse --bench}: the whole pipeline against a plain read of the same files, alternated in
 * one run so both see the same machine, page cache and JIT state. Single absolute times are noise
 * on a shared machine; the ratio is the figure to compare.
 */
final class PipelineBench {
    private final Config config;
    private final EngineSettings settings;
    private final Inputs inputs;
    private final int rounds;

    PipelineBench(Config config, EngineSettings settings, Inputs inputs, int rounds) {
        this.config = config;
        this.settings = settings;
        this.inputs = inputs;
        this.rounds = rounds;
    }

    private record Measurement(long packets, long bytes, long nanos) {
        double packetsPerSecond() { return packets * 1e9 / nanos; }
        double megabytesPerSecond() { return bytes * 1e3 / nanos; }
        Measurement faster(Measurement other) { return other == null || nanos <= other.nanos ? this : other; }
    }

    void run(PrintStream out) throws Exception {
        if (rounds < 1) throw new BadInputException("--bench-rounds must be at least 1");
        if (inputs.names().contains(Inputs.STDIN)) throw new BadInputException("--bench reads its input several times: give files, not -");
        Measurement bestRead = null, bestPipeline = null, bestParsed = null;
        long flows = 0;
        long[] callLogs = new long[1];
        for (int round = 0; round < rounds; round++) {
            bestRead = readOnly().faster(bestRead);
            Pipeline pipeline = new Pipeline(settings, new FlowRecorder(0));
            bestPipeline = throughPipeline(pipeline).faster(bestPipeline);
            flows = pipeline.flowStats().flowsCreated();
            callLogs[0] = 0;
            L7Engine protocols = L7Engine.create(config, log -> callLogs[0]++);
            bestParsed = throughPipeline(new Pipeline(settings, protocols)).faster(bestParsed);
            protocols.flush();
        }
        TextTable table = new TextTable(40, "STAGE", "PACKETS>", "MB>", "BEST OF " + rounds + " (s)>",
                "PACKETS/S>", "MB/S>", "TIME vs READ>");
        table.add("read", bestRead.packets(), mb(bestRead.bytes()), seconds(bestRead), rate(bestRead.packetsPerSecond()),
                rate(bestRead.megabytesPerSecond()), "1.00");
        table.add("read+decode+flows+reassembly", bestPipeline.packets(), mb(bestPipeline.bytes()), seconds(bestPipeline),
                rate(bestPipeline.packetsPerSecond()), rate(bestPipeline.megabytesPerSecond()),
                String.format(Locale.ROOT, "%.2f", (double) bestPipeline.nanos() / bestRead.nanos()));
        table.add("+ protocols + sessions (call logs)", bestParsed.packets(), mb(bestParsed.bytes()), seconds(bestParsed),
                rate(bestParsed.packetsPerSecond()), rate(bestParsed.megabytesPerSecond()),
                String.format(Locale.ROOT, "%.2f", (double) bestParsed.nanos() / bestRead.nanos()));
        PrintWriter writer = new PrintWriter(out, true);
        table.print(writer);
        writer.printf(Locale.ROOT, "%,d flows, %,d call logs (%,.0f call logs/s); one worker thread (packets/s is per core);"
                + " Java %s%n", flows, callLogs[0], callLogs[0] * 1e9 / bestParsed.nanos(), Runtime.version());
    }

    private Measurement readOnly() throws IOException {
        RawPacket frame = new RawPacket();
        long packets = 0, bytes = 0;
        long start = System.nanoTime();
        for (String name : inputs.names()) {
            try (PacketSource source = inputs.open(name)) {
                while (source.next(frame)) packets++;
                bytes += source.position();
            }
        }
        return new Measurement(packets, bytes, System.nanoTime() - start);
    }

    private Measurement throughPipeline(Pipeline pipeline) throws IOException {
        long start = System.nanoTime();
        long bytes = 0;
        try (pipeline) {
            for (String name : inputs.names()) {
                try (PacketSource source = inputs.open(name)) {
                    pipeline.run(source, position -> {});
                    bytes += source.position();
                }
            }
        }
        return new Measurement(pipeline.frames(), bytes, System.nanoTime() - start);
    }

    private static String mb(long bytes) { return String.format(Locale.ROOT, "%.1f", bytes / 1e6); }
    private static String seconds(Measurement m) { return String.format(Locale.ROOT, "%.3f", m.nanos() / 1e9); }
    private static String rate(double value) { return String.format(Locale.ROOT, "%,.0f", value); }
}
