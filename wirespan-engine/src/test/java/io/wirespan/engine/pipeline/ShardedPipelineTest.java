package io.wirespan.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CallLog;
import io.wirespan.engine.capture.CaptureFiles;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.flow.FlowStats;
import io.wirespan.engine.protocol.L7Engine;
import io.wirespan.engine.protocol.L7Settings;
import io.wirespan.engine.sink.CallLogJson;
import io.wirespan.engine.testing.CapturePackets;
import io.wirespan.engine.testing.Corpus;
import io.wirespan.engine.testing.Samples;
import io.wirespan.engine.testing.TestFrames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline of several shards gives the call logs of one shard: every flow's packets meet on one
 * worker, so the same exchanges come out (in another order, with other flow ids), and the summed
 * counters are the same. The Kafka sample is left out: its producer names topics by id, learned
 * from a Metadata response on another connection, and with several shards whether the name is
 * known yet depends on which shard gets there first.
 */
class ShardedPipelineTest {
    private record Run(List<String> callLogs, List<Long> flowIds, FlowStats flows, long frames) {}

    @Test
    void threeShardsGiveTheCallLogsAndCountersOfOne() {
        List<Path> captures = Stream.concat(Samples.allPcaps().stream(), Corpus.allPcaps().stream())
                .filter(p -> !p.endsWith(Path.of("samples", "kafka.pcap"))).toList();

        Run one = run(captures, 1);
        Run three = run(captures, 3);

        assertThat(one.callLogs()).hasSizeGreaterThan(100);
        assertThat(three.callLogs()).containsExactlyInAnyOrderElementsOf(one.callLogs());
        assertThat(three.flowIds()).doesNotHaveDuplicates();
        assertThat(three.frames()).isEqualTo(one.frames());
        FlowStats a = one.flows(), b = three.flows();
        assertThat(b.packets()).isEqualTo(a.packets());
        assertThat(b.flowsCreated()).isEqualTo(a.flowsCreated());
        assertThat(b.reassembly().deliveredBytes()).isEqualTo(a.reassembly().deliveredBytes());
        assertThat(b.endedEndOfInput() + b.endedFin() + b.endedRst())
                .isEqualTo(a.endedEndOfInput() + a.endedFin() + a.endedRst());
    }

    /**
     * redis-benchmark's PING_INLINE flows send {@code PING\r\n}, which no check accepts: they are
     * Redis only because an earlier flow taught inference that the server speaks it. That lesson
     * must reach every shard, or the call logs would depend on {@code --workers}.
     */
    @Test
    void whatOneShardLearnsOfAServerIdentifiesItsFlowsOnEveryShard(@TempDir Path dir) throws IOException {
        Path teaching = dir.resolve("teaching.pcap"), inline = dir.resolve("inline.pcap");
        CapturePackets.writePcap(teaching, TestFrames.LINKTYPE_IPV4, exchange(1_000, 40000, "*1\r\n$4\r\nPING\r\n"));
        List<CapturePackets.TimedFrame> inlineFlows = new ArrayList<>();
        for (int port = 40001; port <= 40024; port++) inlineFlows.addAll(exchange(2_000 + port, port, "PING\r\n"));
        CapturePackets.writePcap(inline, TestFrames.LINKTYPE_IPV4, inlineFlows);

        Run one = run(List.of(teaching, inline), 1);
        Run three = run(List.of(teaching, inline), 3);

        assertThat(one.callLogs()).hasSize(25).allMatch(log -> log.contains("\"request_type\":\"PING\""));
        assertThat(three.callLogs()).containsExactlyInAnyOrderElementsOf(one.callLogs());
        assertThat(three.flowIds()).hasSize(25);
    }

    /** A command from {@code clientPort} to 10.0.0.2:16390 and its {@code +PONG} reply, mid-connection (no handshake). */
    private static List<CapturePackets.TimedFrame> exchange(long micros, int clientPort, String command) {
        return List.of(new CapturePackets.TimedFrame(micros, TestFrames.ipv4Tcp(1, clientPort, 2, 16390, 1000, command)),
                new CapturePackets.TimedFrame(micros + 50, TestFrames.ipv4Tcp(2, 16390, 1, clientPort, 5000, "+PONG\r\n")));
    }

    private static Run run(List<Path> captures, int shards) {
        List<CallLog> logs = Collections.synchronizedList(new ArrayList<>());
        List<L7Engine> engines = new ArrayList<>();
        L7Settings shared = L7Engine.settings(Config.defaults(), ShardedPipelineTest.class.getClassLoader());
        Run result;
        try (Pipeline pipeline = new Pipeline(EngineSettings.DEFAULTS, shards, shard -> {
            L7Engine engine = new L7Engine(shared, logs::add);
            engines.add(engine);
            return engine;
        })) {
            for (Path capture : captures) {
                try (PacketSource source = CaptureFiles.open(capture)) {
                    pipeline.run(source, position -> {});
                } catch (IOException damaged) {
                    // a few corpus captures are cut short: what was readable went through, alike in both runs
                }
            }
            engines.forEach(L7Engine::flush);
            result = new Run(logs.stream().map(ShardedPipelineTest::withoutFlowId).toList(),
                    logs.stream().map(CallLog::flowId).distinct().toList(), pipeline.flowStats(), pipeline.frames());
        }
        assertThat(engines).hasSize(shards);
        return result;
    }

    private static String withoutFlowId(CallLog log) {
        return CallLogJson.toJson(log).replaceFirst("\"flow_id\":\\d+,", "");
    }
}
