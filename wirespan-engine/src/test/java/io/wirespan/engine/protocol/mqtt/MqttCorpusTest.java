package io.wirespan.engine.protocol.mqtt;

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
import io.wirespan.engine.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every capture of the DeepFlow corpus's {@code mqtt/} folder that has an expected file, run
 * through the real pipeline (reader, decoder, flow table, reassembly, inference, sessions) with
 * only {@link MqttProtocol} registered, and scored by the project's {@code compare-calllogs}.
 */
class MqttCorpusTest {
    private static final Pattern SCORE = Pattern.compile("score: (\\d+)/(\\d+) fields, (\\d+)/(\\d+) exchanges fully matched");

    @Test
    void matchesTheDeepFlowCorpusOnAtLeast97PercentOfFields() throws IOException {
        Path folder = Corpus.root().resolve("mqtt");
        List<Path> expectedFiles;
        try (Stream<Path> files = Files.list(folder)) {
            expectedFiles = files.filter(p -> p.getFileName().toString().endsWith(".expected.jsonl")).sorted().toList();
        }
        assertThat(expectedFiles).isNotEmpty();
        Path scorer = Corpus.root().getParent().getParent().resolve("tools/compare-calllogs");
        Path out = Files.createDirectories(Path.of("target", "mqtt-corpus"));
        int matched = 0, total = 0;
        for (Path expected : expectedFiles) {
            String name = expected.getFileName().toString().replace(".expected.jsonl", "");
            Path actual = out.resolve(name + ".actual.jsonl");
            Files.write(actual, run(folder.resolve(name + ".pcap"), folder.resolve(name + ".config.yaml")));
            String report = Tools.run(List.of("python3", scorer.toString(), expected.toString(), actual.toString()));
            Matcher m = SCORE.matcher(report);
            assertThat(m.find()).as(report).isTrue();
            matched += Integer.parseInt(m.group(1));
            total += Integer.parseInt(m.group(2));
            System.out.println("mqtt corpus " + name + ": " + m.group());
            if (!m.group(1).equals(m.group(2))) System.out.println(report);
        }
        System.out.println("mqtt corpus total: " + matched + "/" + total + " fields");
        assertThat(matched).as("fields matched of " + total).isGreaterThanOrEqualTo((int) Math.ceil(total * 0.97));
    }

    /** The capture's call logs as JSON lines, as {@code wirespan parse --format jsonl} writes them. */
    static List<String> run(Path pcap, Path yaml) throws IOException {
        Config config = Files.isRegularFile(yaml) ? Config.load(yaml) : Config.defaults();
        List<CallLog> logs = new ArrayList<>();
        L7Engine engine = new L7Engine(L7Settings.from(config, new ProtocolRegistry(List.of(new MqttProtocol()))), logs::add);
        Pipeline pipeline = new Pipeline(EngineSettings.from(config), engine);
        try (PacketSource source = CaptureFiles.open(pcap)) {
            pipeline.run(source, p -> {});
        }
        engine.flush();
        return logs.stream().map(CallLogJson::toJson).toList();
    }
}
