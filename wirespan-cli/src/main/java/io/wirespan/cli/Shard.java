package io.wirespan.cli;

import io.wirespan.engine.pipeline.FlowRecorder;
import io.wirespan.engine.pipeline.FlowSummary;
import io.wirespan.engine.protocol.L7Engine;
import io.wirespan.engine.protocol.L7Settings;
import io.wirespan.engine.protocol.L7Stats;
import io.wirespan.engine.sink.CallLogSink;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;

/** What {@code parse} keeps per pipeline shard: its protocol engine, its output and its flow records. */
record Shard(CallLogSink sink, CountingSink callLogs, FlowRecorder recorder, L7Engine protocols) {

    Shard(CallLogSink sink, CountingSink callLogs, FlowRecorder recorder, L7Settings protocolSettings) {
        this(sink, callLogs, recorder, new L7Engine(protocolSettings, callLogs));
    }

    /** After the last input: sends what still waits for a response; rethrows a write failure. */
    void finish() throws IOException {
        protocols.flush();
        callLogs.rethrowFailure();
    }

    static L7Stats stats(List<Shard> shards) {
        return shards.stream().map(s -> s.protocols.stats()).reduce(L7Stats::plus).orElseThrow();
    }

    static long callLogs(List<Shard> shards) {
        return shards.stream().mapToLong(s -> s.callLogs.count()).sum();
    }

    /** Every shard's flow records, oldest flow first. */
    static List<FlowSummary> flows(List<Shard> shards) {
        return shards.stream().flatMap(s -> s.recorder.flows().stream())
                .sorted(Comparator.comparingLong(FlowSummary::startMicros).thenComparingLong(FlowSummary::flowId)).toList();
    }
}
