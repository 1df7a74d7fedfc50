package io.wirespan.engine.protocol.kafka;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every capture of the DeepFlow corpus's {@code kafka/} folder with an expected file goes through
 * the real pipeline (reader, decoder, flows, reassembly, inference with the verdict cache, the
 * Kafka parser, session pairing) and is scored by the project's scorer, {@code compare-calllogs}.
 * The actual call logs are written under {@code target/kafka-corpus/}. The folder must reach 97 %
 * of the expected fields; each file's score is printed.
 */
class KafkaCorpusTest {
    private static final Pattern SCORE = Pattern.compile("score: (\\d+)/(\\d+) fields, (\\d+)/(\\d+) exchanges");
    private static int matchedFields;
    private static int totalFields;
    private static final List<String> scores = new ArrayList<>();

    static Stream<String> captures() throws IOException {
        try (Stream<Path> files = Files.list(Corpus.root().resolve("kafka"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".expected.jsonl"))
                    .map(n -> n.substring(0, n.length() - ".expected.jsonl".length())).sorted().toList();
            assertThat(names).as("kafka expected files").hasSizeGreaterThanOrEqualTo(8);
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void scoresAgainstDeepFlow(String name) throws Exception {
        Path configFile = Corpus.root().resolve("kafka/" + name + ".config.yaml");
        Config config = Files.isRegularFile(configFile) ? Config.load(configFile) : Config.defaults();
        List<CallLog> logs = new ArrayList<>();
        L7Engine engine = new L7Engine(L7Settings.from(config, new ProtocolRegistry(List.of(new KafkaProtocol()))),
                logs::add);
        Pipeline pipeline = new Pipeline(EngineSettings.from(config), engine);
        try (PacketSource source = CaptureFiles.open(Corpus.file("kafka/" + name + ".pcap"))) {
            pipeline.run(source, p -> {});
        }
        engine.flush();

        Path out = Path.of("target", "kafka-corpus", name + ".actual.jsonl");
        Files.createDirectories(out.getParent());
        List<String> lines = new ArrayList<>();
        for (CallLog log : logs) lines.add(CallLogJson.toJson(log));
        Files.write(out, lines, StandardCharsets.UTF_8);

        Path tool = Corpus.root().getParent().getParent().resolve("tools/compare-calllogs");
        Process process = new ProcessBuilder("python3", tool.toString(),
                Corpus.file("kafka/" + name + ".expected.jsonl").toString(), out.toString())
                .redirectErrorStream(true).start();
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher m = SCORE.matcher(report);
        assertThat(m.find()).as("score line in:\n" + report).isTrue();
        int matched = Integer.parseInt(m.group(1));
        int total = Integer.parseInt(m.group(2));
        synchronized (KafkaCorpusTest.class) {
            matchedFields += matched;
            totalFields += total;
            scores.add(name + ": " + m.group());
        }
        if (matched != total) System.out.println("kafka/" + name + " (actual in " + out + "):\n" + report);
        assertThat(total).as(name + " fields").isPositive();
    }

    @AfterAll
    static void folderReachesNinetySevenPercent() {
        scores.forEach(s -> System.out.println("kafka/" + s));
        System.out.println("kafka corpus: " + matchedFields + "/" + totalFields + " fields");
        assertThat(matchedFields * 100L).as("kafka fields matched").isGreaterThanOrEqualTo(97L * totalFields);
    }
}
