package io.wirespan.engine.protocol.mongodb;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every capture of the DeepFlow corpus's {@code mongo/} folder through the real pipeline (reader,
 * decoder, flows, reassembly, inference, this parser, sessions), scored against its {@code
 * .expected.jsonl} by the project's scorer {@code shared/tools/compare-calllogs}. The actual call
 * logs are kept under {@code target/mongo-corpus/}.
 */
class MongoCorpusTest {
    private static final Pattern SCORE = Pattern.compile("score: (\\d+)/(\\d+) fields, (\\d+)/(\\d+) exchanges fully matched");
    private static int matchedFields;
    private static int totalFields;

    static Stream<String> captures() throws IOException {
        try (Stream<Path> files = Files.list(Corpus.root().resolve("mongo"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcap"))
                    .map(n -> n.substring(0, n.length() - ".pcap".length())).sorted().toList();
            assertThat(names).as("mongo captures").isNotEmpty();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void scoresAgainstDeepFlow(String name) throws Exception {
        Path folder = Corpus.root().resolve("mongo");
        Path yaml = folder.resolve(name + ".config.yaml");
        Config config = Files.isRegularFile(yaml) ? Config.load(yaml) : Config.defaults();
        List<CallLog> logs = new ArrayList<>();
        L7Engine engine = new L7Engine(L7Settings.from(config, new ProtocolRegistry(List.of(new MongoProtocol()))),
                logs::add);
        Pipeline pipeline = new Pipeline(EngineSettings.from(config), engine);
        try (PacketSource source = CaptureFiles.open(folder.resolve(name + ".pcap"))) {
            pipeline.run(source, p -> {});
        }
        engine.flush();

        Path out = Path.of("target", "mongo-corpus", name + ".actual.jsonl");
        Files.createDirectories(out.getParent());
        StringBuilder text = new StringBuilder();
        for (CallLog log : logs) text.append(CallLogJson.toJson(log)).append('\n');
        Files.writeString(out, text);

        Path scorer = Corpus.root().getParent().getParent().resolve("tools/compare-calllogs");
        Process process = new ProcessBuilder("python3", scorer.toString(),
                folder.resolve(name + ".expected.jsonl").toString(), out.toString())
                .redirectErrorStream(true).start();
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Matcher m = SCORE.matcher(report);
        assertThat(m.find()).as(report).isTrue();
        int matched = Integer.parseInt(m.group(1));
        int total = Integer.parseInt(m.group(2));
        matchedFields += matched;
        totalFields += total;
        System.out.println("mongo/" + name + ": " + m.group() + " (actual: " + out.toAbsolutePath() + ")");
        if (matched < total) System.out.println(report);
        assertThat(matched).as(name + " fields, see " + out.toAbsolutePath() + "\n" + report).isGreaterThanOrEqualTo(
                (int) Math.ceil(total * 0.97));
    }

    @AfterAll
    static void report() {
        System.out.println("mongo corpus: " + matchedFields + "/" + totalFields + " fields");
        assertThat(matchedFields).isGreaterThanOrEqualTo((int) Math.ceil(totalFields * 0.97));
    }
}
