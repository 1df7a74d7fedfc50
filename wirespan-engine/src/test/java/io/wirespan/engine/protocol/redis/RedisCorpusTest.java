package io.wirespan.engine.protocol.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CallLog;
import io.wirespan.engine.capture.CaptureFiles;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.pipeline.EngineSettings;
import io.wirespan.engine.pipeline.Pipeline;
import io.wirespan.engine.protocol.L7Engine;
import io.wirespan.engine.protocol.L7Settings;
import io.wirespan.engine.protocol.ProtocolRegistry;
import io.wirespan.engine.sink.CallLogJson;
import io.wirespan.engine.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every capture of the DeepFlow corpus's {@code redis/} folder through the real pipeline (reader,
 * decoder, flow table, reassembly, {@link L7Engine} with only {@link RedisProtocol}, session
 * aggregation), with the capture's harness settings, scored by the project's
 * {@code tools/compare-calllogs} against its {@code .expected.jsonl}.
 */
class RedisCorpusTest {
    private static final String FOLDER = "redis";
    private static final Pattern SCORE = Pattern.compile("score: (\\d+)/(\\d+) fields, (\\d+)/(\\d+) exchanges");
    private static long matched;
    private static long compared;

    @TempDir
    Path temp;

    static Stream<String> captures() throws IOException {
        try (Stream<Path> files = Files.list(Corpus.root().resolve(FOLDER))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcap"))
                    .map(n -> n.substring(0, n.length() - ".pcap".length())).sorted().toList();
            assertThat(names).isNotEmpty();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void scoresAtLeast97PercentOfExpectedFields(String name) throws Exception {
        Path dir = Corpus.root().resolve(FOLDER);
        Path yaml = dir.resolve(name + ".config.yaml");
        Config config = Files.isRegularFile(yaml) ? Config.load(yaml) : Config.defaults();
        List<CallLog> logs = new ArrayList<>();
        L7Engine engine = new L7Engine(L7Settings.from(config, new ProtocolRegistry(List.of(new RedisProtocol()))), logs::add);
        Pipeline pipeline = new Pipeline(EngineSettings.from(config), engine);
        try (PacketSource source = CaptureFiles.open(dir.resolve(name + ".pcap"))) {
            pipeline.run(source, p -> { });
        }
        engine.flush();
        Path actual = temp.resolve(name + ".actual.jsonl");
        List<String> lines = new ArrayList<>();
        for (CallLog log : logs) lines.add(CallLogJson.toJson(log));
        Files.write(actual, lines, StandardCharsets.UTF_8);

        long[] score = compare(dir.resolve(name + ".expected.jsonl"), actual);
        matched += score[0];
        compared += score[1];
        System.out.println(FOLDER + "/" + name + ": " + score[0] + "/" + score[1] + " fields, "
                + score[2] + "/" + score[3] + " exchanges fully matched");
        assertThat(score[0] * 100).as(name + " fields matched").isGreaterThanOrEqualTo(score[1] * 97);
    }

    @AfterAll
    static void report() {
        System.out.println(FOLDER + " corpus: " + matched + "/" + compared + " expected fields matched");
    }

    /** Runs {@code tools/compare-calllogs}: {matched fields, fields, matched exchanges, exchanges}. */
    static long[] compare(Path expected, Path actual) throws Exception {
        Path tool = Corpus.root().resolve("../../tools/compare-calllogs").normalize();
        Process process = new ProcessBuilder("python3", tool.toString(), expected.toString(), actual.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Matcher m = SCORE.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        if (!output.startsWith("score:")) System.out.println(output);
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
            Long.parseLong(m.group(3)), Long.parseLong(m.group(4))};
    }
}
