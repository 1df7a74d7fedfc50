package io.wirespan.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CallLog;
import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.engine.capture.CaptureFiles;
import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.config.Config;
import io.wirespan.engine.pipeline.EngineSettings;
import io.wirespan.engine.pipeline.Pipeline;
import io.wirespan.engine.protocol.L7Engine;
import io.wirespan.engine.protocol.L7Settings;
import io.wirespan.engine.protocol.ProtocolRegistry;
import io.wirespan.engine.sink.CallLogJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A corpus capture through the real pipeline (reader, decoder, flows, reassembly, an
 * {@link L7Engine} with only the given protocols, sessions), with its {@code NAME.config.yaml}
 * when it has one, scored by the project's {@code tools/compare-calllogs} against its
 * {@code NAME.expected.jsonl}.
 */
public final class CorpusScoring {
    private static final Pattern SCORE = Pattern.compile("score: (\\d+)/(\\d+) fields, (\\d+)/(\\d+) exchanges");

    private CorpusScoring() {}

    /** What compare-calllogs counted for one capture. */
    public record Score(long fields, long fieldsTotal, long exchanges, long exchangesTotal) {
        public boolean atLeast(int percent) {
            return fields * 100 >= fieldsTotal * (long) percent;
        }

        @Override
        public String toString() {
            return fields + "/" + fieldsTotal + " fields, " + exchanges + "/" + exchangesTotal + " exchanges fully matched";
        }
    }

    /** The names (no extension) of a corpus folder's captures that have an expected file. */
    public static List<String> expectedNames(String folder) throws IOException {
        String suffix = ".expected.jsonl";
        try (Stream<Path> files = Files.list(Corpus.root().resolve(folder))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length())).sorted().toList();
            assertThat(names).as("expected files in " + folder).isNotEmpty();
            return names;
        }
    }

    /** Parses {@code folder/name.pcap} with {@code protocols} and scores it; the actual call logs stay in {@code work}. */
    public static Score score(String folder, String name, List<L7ProtocolProvider> protocols, Path work)
            throws IOException, InterruptedException {
        return score(folder, name, config -> protocols, work);
    }

    /** As {@link #score(String, String, List, Path)}, with protocols made from the capture's configuration. */
    public static Score score(String folder, String name, Function<Config, List<L7ProtocolProvider>> protocols, Path work)
            throws IOException, InterruptedException {
        Path dir = Corpus.root().resolve(folder);
        Path yaml = dir.resolve(name + ".config.yaml");
        Config config = Files.isRegularFile(yaml) ? Config.load(yaml) : Config.defaults();
        List<String> lines = new ArrayList<>();
        L7Engine engine = new L7Engine(L7Settings.from(config, new ProtocolRegistry(protocols.apply(config))),
                (CallLog log) -> lines.add(CallLogJson.toJson(log)));
        Pipeline pipeline = new Pipeline(EngineSettings.from(config), engine);
        try (PacketSource source = CaptureFiles.open(dir.resolve(name + ".pcap"))) {
            pipeline.run(source, position -> {});
        }
        engine.flush();
        Files.createDirectories(work);
        Path actual = work.resolve(name + ".actual.jsonl");
        Files.write(actual, lines, StandardCharsets.UTF_8);
        return compare(dir.resolve(name + ".expected.jsonl"), actual);
    }

    /** Runs {@code tools/compare-calllogs} on two files. */
    public static Score compare(Path expected, Path actual) throws IOException, InterruptedException {
        Path tool = Corpus.root().resolve("../../tools/compare-calllogs").normalize();
        Process process = new ProcessBuilder("python3", tool.toString(), expected.toString(), actual.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("compare-calllogs finished").isTrue();
        Matcher m = SCORE.matcher(output);
        assertThat(m.find()).as("compare-calllogs output:\n" + output).isTrue();
        return new Score(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)));
    }
}
