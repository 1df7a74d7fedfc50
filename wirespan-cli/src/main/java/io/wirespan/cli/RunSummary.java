package io.wirespan.cli;

import io.wirespan.engine.decode.DecodeStats;
import io.wirespan.engine.decode.SkipReason;
import io.wirespan.engine.flow.FlowStats;
import io.wirespan.engine.pipeline.Pipeline;
import io.wirespan.engine.protocol.L7Stats;
import io.wirespan.engine.session.SessionStats;
import io.wirespan.engine.tcp.ReassemblyStats;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end-of-run lines on stderr: what was read, what came out, what was skipped and why, and what
 * each protocol's parsers counted.
 */
record RunSummary(int inputs, long frames, long frameBytes, DecodeStats decoding, FlowStats flows, L7Stats protocols,
                  long callLogs) {

    RunSummary(int inputs, Pipeline pipeline, L7Stats protocols, long callLogs) {
        this(inputs, pipeline.frames(), pipeline.frameBytes(), pipeline.decodeStats(), pipeline.flowStats(), protocols, callLogs);
    }

    void print(PrintStream err, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        err.printf(Locale.ROOT, "wirespan: %s, %,d packets (%s), %,d flows, %,d call logs in %.2f s (%,.0f packets/s)%n",
                inputs == 1 ? "1 input" : inputs + " inputs", frames, megabytes(frameBytes), flows.flowsCreated(),
                callLogs, seconds, frames / seconds);

        List<String> skipped = new ArrayList<>();
        for (SkipReason reason : SkipReason.values()) addIfAny(skipped, reason.label(), decoding.skipped(reason));
        line(err, "skipped packets", skipped);
        List<String> decoded = new ArrayList<>();
        addIfAny(decoded, "ip fragments buffered", decoding.fragmentsBuffered());
        addIfAny(decoded, "datagrams reassembled", decoding.datagramsReassembled());
        addIfAny(decoded, "tunnels stripped", decoding.decapsulations());
        addIfAny(decoded, "payloads cut by snap length", decoding.truncatedPayloads());
        line(err, "decoding", decoded);

        List<String> ended = new ArrayList<>();
        addIfAny(ended, "fin", flows.endedFin());
        addIfAny(ended, "rst", flows.endedRst());
        addIfAny(ended, "idle", flows.endedIdleTimeout());
        addIfAny(ended, "evicted", flows.endedEvicted());
        addIfAny(ended, "port reuse", flows.endedPortReuse());
        addIfAny(ended, "end of input", flows.endedEndOfInput());
        line(err, "flows ended by", ended);

        ReassemblyStats tcp = flows.reassembly();
        if (tcp.gaps() + tcp.outOfOrderSegments() + tcp.retransmittedBytes() > 0) {
            err.printf(Locale.ROOT, "wirespan: tcp reassembly: %,d gaps (%,d bytes missing), %,d out-of-order segments,"
                    + " %,d retransmitted bytes%n", tcp.gaps(), tcp.gapBytes(), tcp.outOfOrderSegments(), tcp.retransmittedBytes());
        }

        List<String> identified = new ArrayList<>();
        protocols.flowsByProtocol().forEach((name, count) -> addIfAny(identified, name, count));
        addIfAny(identified, "unidentified", protocols.unidentifiedFlows());
        line(err, "flows by protocol", identified);
        SessionStats sessions = protocols.sessions();
        List<String> pairing = new ArrayList<>();
        addIfAny(pairing, "sessions", sessions.sessions());
        addIfAny(pairing, "requests without response", sessions.loneRequests());
        addIfAny(pairing, "responses without request", sessions.loneResponses());
        addIfAny(pairing, "timeouts", sessions.timeouts());
        addIfAny(pairing, "pending overflow", sessions.overflows());
        line(err, "call logs", pairing);
        List<String> trouble = new ArrayList<>();
        addIfAny(trouble, "parser failures", protocols.parserFailures());
        addIfAny(trouble, "held-bytes overflows", protocols.heldOverflows());
        line(err, "protocol engine", trouble);
        protocols.parserCounters().forEach((protocol, counters) -> {
            List<String> counted = new ArrayList<>();
            counters.forEach((name, count) -> addIfAny(counted, name, count));
            line(err, protocol + " parser", counted);
        });
    }

    private static void line(PrintStream err, String title, List<String> parts) {
        if (!parts.isEmpty()) err.println("wirespan: " + title + ": " + String.join(", ", parts));
    }

    private static void addIfAny(List<String> parts, String name, long count) {
        if (count > 0) parts.add(String.format(Locale.ROOT, "%s %,d", name, count));
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
