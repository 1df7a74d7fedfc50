package io.wirespan.cli;

import io.wirespan.engine.decode.DecodeStats;
import io.wirespan.engine.decode.SkipReason;
import io.wirespan.engine.flow.FlowStats;
import io.wirespan.engine.pipeline.Pipeline;
import io.wirespan.engine.tcp.ReassemblyStats;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The end-of-run lines on stderr: what was read, what came out, what was skipped and why. */
final class RunSummary {
    private RunSummary() {}

    static void print(PrintStream err, int inputs, Pipeline pipeline, long callLogs, long elapsedNanos) {
        FlowStats flows = pipeline.flowStats();
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        err.printf(Locale.ROOT, "wirespan: %s, %,d packets (%s), %,d flows, %,d call logs in %.2f s (%,.0f packets/s)%n",
                inputs == 1 ? "1 input" : inputs + " inputs", pipeline.frames(), megabytes(pipeline.frameBytes()),
                flows.flowsCreated(), callLogs, seconds, pipeline.frames() / seconds);

        DecodeStats decoding = pipeline.decodeStats();
        List<String> skipped = new ArrayList<>();
        for (SkipReason reason : SkipReason.values()) addIfAny(skipped, reason.label(), decoding.skipped(reason));
        if (!skipped.isEmpty()) err.println("wirespan: skipped packets: " + String.join(", ", skipped));
        List<String> decoded = new ArrayList<>();
        addIfAny(decoded, "ip fragments buffered", decoding.fragmentsBuffered());
        addIfAny(decoded, "datagrams reassembled", decoding.datagramsReassembled());
        addIfAny(decoded, "tunnels stripped", decoding.decapsulations());
        addIfAny(decoded, "payloads cut by snap length", decoding.truncatedPayloads());
        if (!decoded.isEmpty()) err.println("wirespan: decoding: " + String.join(", ", decoded));
        List<String> ended = new ArrayList<>();
        addIfAny(ended, "fin", flows.endedFin());
        addIfAny(ended, "rst", flows.endedRst());
        addIfAny(ended, "idle", flows.endedIdleTimeout());
        addIfAny(ended, "evicted", flows.endedEvicted());
        addIfAny(ended, "port reuse", flows.endedPortReuse());
        addIfAny(ended, "end of input", flows.endedEndOfInput());
        if (!ended.isEmpty()) err.println("wirespan: flows ended by " + String.join(", ", ended));

        ReassemblyStats tcp = flows.reassembly();
        if (tcp.gaps() + tcp.outOfOrderSegments() + tcp.retransmittedBytes() > 0) {
            err.printf(Locale.ROOT, "wirespan: tcp reassembly: %,d gaps (%,d bytes missing), %,d out-of-order segments,"
                    + " %,d retransmitted bytes%n", tcp.gaps(), tcp.gapBytes(), tcp.outOfOrderSegments(), tcp.retransmittedBytes());
        }
    }

    private static void addIfAny(List<String> parts, String name, long count) {
        if (count > 0) parts.add(String.format(Locale.ROOT, "%s %,d", name, count));
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
