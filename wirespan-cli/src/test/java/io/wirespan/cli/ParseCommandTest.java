package io.wirespan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.engine.testing.Corpus;
import io.wirespan.engine.testing.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {
    @TempDir
    Path temp;

    @Test
    void writesCallLogsThenFlowsAsJsonLinesAndASummaryOnStderr() {
        CommandRun run = CommandRun.of("parse", "--format", "jsonl", "--flows", Corpus.file("http.pcap").toString());
        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"type\":\"session\"").contains("\"l7_protocol_str\":\"HTTP\"")
                .contains("\"request_type\":\"GET\"").contains("\"response_code\":200");
        assertThat(lines.get(1)).startsWith("{\"kind\":\"flow\"").contains("\"close_type\":\"fin\"");
        assertThat(run.err()).contains("1 input").contains("1 call logs").contains("flows by protocol: HTTP 1");
    }

    @Test
    void theSummaryShowsWhatEachProtocolsParsersCounted() throws IOException {
        byte[] bytes = Files.readAllBytes(Corpus.file("http.pcap"));
        int status = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("HTTP/1.1 200 ") + "HTTP/1.1 2".length();
        bytes[status] = 'x'; // "2x0": a status line that does not parse
        Path damaged = temp.resolve("bad-status.pcap");
        Files.write(damaged, bytes);

        CommandRun run = CommandRun.of("parse", "--format", "jsonl", damaged.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).containsPattern("wirespan: HTTP parser: bad_start_lines 1, resync_skipped_bytes [0-9,]+, resyncs 1\n");
        assertThat(CommandRun.of("parse", "--format", "jsonl", Corpus.file("http.pcap").toString()).err())
                .doesNotContain("parser:");
    }

    @Test
    void metricsFollowTheCallLogsAsJsonLines() {
        CommandRun run = CommandRun.of("parse", "--format", "jsonl", "--metrics", Corpus.file("dns/nxdomain.pcap").toString());
        assertThat(run.exitCode()).isZero();
        List<String> metrics = run.out().lines().filter(l -> l.startsWith("{\"kind\":\"metrics\"")).toList();
        assertThat(metrics).isNotEmpty().anySatisfy(line -> assertThat(line).contains("\"window\":60")
                .contains("\"l7_protocol_str\":\"DNS\"").contains("\"request\":"));
        assertThat(run.out().lines().filter(l -> l.startsWith("{\"type\"")).count()).isEqualTo(3);
    }

    @Test
    void truncatedCaptureUsesEveryReadablePacketThenFailsWithFileAndOffset() throws IOException {
        Path whole = Corpus.file("http.pcap");
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = temp.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 10));

        CommandRun full = CommandRun.of("parse", "--format", "jsonl", whole.toString());
        CommandRun damaged = CommandRun.of("parse", "--format", "jsonl", cut.toString());

        assertThat(damaged.exitCode()).isEqualTo(2);
        String lastLine = damaged.err().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(lastLine).startsWith("wirespan: " + cut).contains("at byte offset ");
        assertThat(damaged.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(packetsIn(damaged.err())).isEqualTo(packetsIn(full.err()) - 1);
    }

    @Test
    void goodFilesAfterABadOneAreStillParsed() throws IOException {
        Path garbage = temp.resolve("notes.txt");
        Files.writeString(garbage, "this is not a capture");
        Path good = Corpus.file("http.pcap");
        CommandRun run = CommandRun.of("parse", "--format", "jsonl", garbage.toString(), good.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("2 inputs").contains(garbage + ": not a pcap or pcapng file");
        assertThat(packetsIn(run.err())).isEqualTo(packetsIn(CommandRun.of("parse", good.toString()).err()));
    }

    @Test
    void missingFileIsBadInput() {
        CommandRun run = CommandRun.of("parse", temp.resolve("nope.pcap").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nope.pcap: no such file");
    }

    @Test
    void badConfigurationStopsTheRunNamingTheKey() throws IOException {
        Path config = temp.resolve("bad.yaml");
        Files.writeString(config, "processors:\n  request_log:\n    tunning:\n      payload_truncation: many\n");
        CommandRun run = CommandRun.of("parse", "--config", config.toString(), Corpus.file("http.pcap").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("wirespan: " + config
                + ": processors.request_log.tunning.payload_truncation: expected an integer in 256..65535, got \"many\"");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void everyConfigurationOfTheCorpusIsAccepted() {
        Path config = Corpus.file("http/grpc-unary.config.yaml");
        CommandRun run = CommandRun.of("parse", "--config", config.toString(), Corpus.file("http/grpc-unary.pcap").toString());
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(CommandRun.of("parse").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of("parse", "--format", "xml", "a.pcap").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of("frobnicate").exitCode()).isEqualTo(2);
        CommandRun noWorkers = CommandRun.of("parse", "--workers", "0", Corpus.file("http.pcap").toString());
        assertThat(noWorkers.exitCode()).isEqualTo(2);
        assertThat(noWorkers.err()).contains("--workers must be at least 1");
    }

    @Test
    void threeWorkersWriteTheCallLogsAndSummaryOfOne() throws IOException {
        // not the Kafka sample: see ShardedPipelineTest
        List<String> captures = new ArrayList<>(Samples.allPcaps().stream()
                .filter(p -> !p.endsWith(Path.of("samples", "kafka.pcap"))).map(Path::toString).toList());
        captures.add(Corpus.file("mysql/mysql.pcap").toString());
        CommandRun one = CommandRun.of(withWorkers(1, captures));
        CommandRun three = CommandRun.of(withWorkers(3, captures));

        assertThat(one.exitCode()).isZero();
        assertThat(three.exitCode()).isZero();
        List<String> callLogs = withoutFlowIds(one.out());
        assertThat(callLogs).hasSizeGreaterThan(30);
        assertThat(withoutFlowIds(three.out())).containsExactlyInAnyOrderElementsOf(callLogs);
        // the summaries agree but for the time taken
        assertThat(three.err().replaceAll(" in [0-9.]+ s \\([0-9,]+ packets/s\\)", ""))
                .isEqualTo(one.err().replaceAll(" in [0-9.]+ s \\([0-9,]+ packets/s\\)", ""));
    }

    private static String[] withWorkers(int workers, List<String> captures) {
        List<String> args = new ArrayList<>(List.of("parse", "--format", "jsonl", "--workers", String.valueOf(workers)));
        args.addAll(captures);
        return args.toArray(String[]::new);
    }

    private static List<String> withoutFlowIds(String jsonLines) {
        return jsonLines.lines().map(l -> l.replaceFirst("\"flow_id\":\\d+,", "")).toList();
    }

    @Test
    void helpListsTheCommandsAndExitsZero() {
        CommandRun run = CommandRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("parse").contains("demo");
    }

    @Test
    void benchReportsBothStagesAndTheirRatio() {
        CommandRun run = CommandRun.of("parse", "--bench", "--bench-rounds", "1", Corpus.file("http.pcap").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("read").contains("read+decode+flows+reassembly").contains("TIME vs READ");
    }

    private static long packetsIn(String summary) {
        String line = summary.lines().filter(l -> l.contains(" packets (")).findFirst().orElseThrow();
        String count = line.replaceAll(".*?, ([0-9,]+) packets \\(.*", "$1").replace(",", "");
        return Long.parseLong(count);
    }
}
