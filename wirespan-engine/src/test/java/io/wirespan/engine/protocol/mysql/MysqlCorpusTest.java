package io.wirespan.engine.protocol.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CallLog;
import io.wirespan.engine.capture.CaptureFiles;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.config.ConfigKeys;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every capture of the corpus's {@code mysql/} folder with an expected file, through the real
 * pipeline (reader, decoder, flows, reassembly, inference, parser, sessions) with the capture's
 * {@code .config.yaml}, scored by the project's {@code compare-calllogs}. Over the folder at least
 * 97 % of the expected fields must match.
 */
class MysqlCorpusTest {
    private static final Pattern SCORE = Pattern.compile("score: (\\d+)/(\\d+) fields, (\\d+)/(\\d+) exchanges");
    private static final Map<String, int[]> SCORES = new TreeMap<>();

    static Stream<String> captures() throws IOException {
        try (Stream<Path> files = Files.list(Corpus.root().resolve("mysql"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".expected.jsonl"))
                    .map(n -> n.substring(0, n.length() - ".expected.jsonl".length())).sorted().toList();
            assertThat(names).as("mysql captures").isNotEmpty();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void scoresAgainstDeepFlow(String name) throws Exception {
        Path dir = Corpus.root().resolve("mysql");
        Path yaml = dir.resolve(name + ".config.yaml");
        Config config = Files.isRegularFile(yaml) ? Config.load(yaml) : Config.defaults();
        MysqlProtocol protocol = new MysqlProtocol(new MysqlConfig(config.get(ConfigKeys.MYSQL_DECOMPRESS_PAYLOAD),
                config.get(ConfigKeys.MYSQL_ENDPOINT_DISABLED)));
        List<CallLog> logs = new ArrayList<>();
        L7Engine engine = new L7Engine(L7Settings.from(config, new ProtocolRegistry(List.of(protocol))), logs::add);
        Pipeline pipeline = new Pipeline(EngineSettings.from(config), engine);
        try (PacketSource source = CaptureFiles.open(dir.resolve(name + ".pcap"))) {
            pipeline.run(source, p -> {});
        }
        engine.flush();

        Path actual = Files.createTempFile("mysql-" + name, ".jsonl");
        try {
            StringBuilder text = new StringBuilder();
            for (CallLog log : logs) text.append(CallLogJson.toJson(log)).append('\n');
            Files.writeString(actual, text, StandardCharsets.UTF_8);
            Process compare = new ProcessBuilder("python3", tool().toString(),
                    dir.resolve(name + ".expected.jsonl").toString(), actual.toString())
                    .redirectErrorStream(true).start();
            String report = new String(compare.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            compare.waitFor();
            Matcher m = SCORE.matcher(report);
            assertThat(m.find()).as("compare-calllogs output for " + name + ":\n" + report).isTrue();
            int[] score = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4))};
            SCORES.put(name, score);
            if (score[0] != score[1]) System.out.println(name + ":\n" + report);
        } finally {
            Files.deleteIfExists(actual);
        }
    }

    @AfterAll
    static void folderScore() {
        int matched = 0, total = 0;
        for (var e : SCORES.entrySet()) {
            int[] s = e.getValue();
            System.out.printf("mysql corpus %-28s %d/%d fields, %d/%d exchanges%n", e.getKey(), s[0], s[1], s[2], s[3]);
            matched += s[0];
            total += s[1];
        }
        System.out.printf("mysql corpus total: %d/%d fields%n", matched, total);
        if (!SCORES.isEmpty()) assertThat(matched * 100.0 / total).as("mysql corpus field score %").isGreaterThanOrEqualTo(97.0);
    }

    private static Path tool() {
        return Corpus.root().getParent().getParent().resolve("tools/compare-calllogs");
    }
}
