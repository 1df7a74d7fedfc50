package io.wirespan.engine.protocol.postgresql;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code postgre/pgsql-all.pcap} through the real pipeline (reader, decoder, flow table, TCP
 * reassembly, {@link L7Engine} with its pairing) with the harness's settings, scored against its
 * {@code .expected.jsonl} by the project's scorer {@code shared/tools/compare-calllogs}; the other
 * captures of the folder, which have no expected file, must give call logs and no garbage.
 */
class PostgresqlCorpusTest {
    private static final Pattern SCORE = Pattern.compile("score: (\\d+)/(\\d+) fields, (\\d+)/(\\d+) exchanges");

    @TempDir
    Path temp;

    static List<CallLog> run(Path pcap, Path yaml) throws IOException {
        Config config = Files.isRegularFile(yaml) ? Config.load(yaml) : Config.defaults();
        List<CallLog> logs = new ArrayList<>();
        L7Engine engine = new L7Engine(
                L7Settings.from(config, new ProtocolRegistry(List.of(new PostgresqlProtocol()))), logs::add);
        Pipeline pipeline = new Pipeline(EngineSettings.from(config), engine);
        try (PacketSource source = CaptureFiles.open(pcap)) {
            pipeline.run(source, p -> {});
        }
        engine.flush();
        return logs;
    }

    @Test
    void pgsqlAllScoresAgainstDeepFlow() throws Exception {
        Path dir = Corpus.root().resolve("postgre");
        List<CallLog> logs = run(dir.resolve("pgsql-all.pcap"), dir.resolve("pgsql-all.config.yaml"));
        Path actual = temp.resolve("actual.jsonl");
        StringBuilder lines = new StringBuilder();
        for (CallLog log : logs) lines.append(CallLogJson.toJson(log)).append('\n');
        Files.writeString(actual, lines, StandardCharsets.UTF_8);

        Path scorer = Corpus.root().getParent().getParent().resolve("tools/compare-calllogs");
        Process process = new ProcessBuilder("python3", scorer.toString(),
                dir.resolve("pgsql-all.expected.jsonl").toString(), actual.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.println("postgresql corpus (pgsql-all):\n" + output);
        Matcher m = SCORE.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        int matched = Integer.parseInt(m.group(1));
        int total = Integer.parseInt(m.group(2));
        assertThat(total).isGreaterThan(100);
        assertThat(matched * 100.0 / total).as(output).isGreaterThanOrEqualTo(97.0);
    }

    @Test
    void otherCapturesGiveCallLogs() throws IOException {
        Path dir = Corpus.root().resolve("postgre");
        for (String name : List.of("error", "prepare_stat", "simple_query")) {
            List<CallLog> logs = run(dir.resolve(name + ".pcap"), dir.resolve(name + ".config.yaml"));
            assertThat(logs).as(name).isNotEmpty();
            logs.forEach(log -> System.out.println(name + ": " + CallLogJson.toJson(log)));
        }
    }
}
