package io.wirespan.engine.protocol.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.engine.testing.CorpusScoring;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every capture of the DeepFlow corpus's {@code redis/} folder through the real pipeline (reader,
 * decoder, flow table, reassembly, an engine with only {@link RedisProtocol}, session
 * aggregation), with the capture's harness settings, scored by the project's
 * {@code tools/compare-calllogs} against its {@code .expected.jsonl}.
 */
class RedisCorpusTest {
    private static final String FOLDER = "redis";
    private static long matched;
    private static long compared;

    @TempDir
    Path temp;

    static Stream<String> captures() throws IOException {
        return CorpusScoring.expectedNames(FOLDER).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void scoresAtLeast97PercentOfExpectedFields(String name) throws Exception {
        CorpusScoring.Score score = CorpusScoring.score(FOLDER, name, List.of(new RedisProtocol()), temp);
        matched += score.fields();
        compared += score.fieldsTotal();
        System.out.println(FOLDER + "/" + name + ": " + score);
        assertThat(score.atLeast(97)).as(name + ": " + score).isTrue();
    }

    @AfterAll
    static void report() {
        System.out.println(FOLDER + " corpus: " + matched + "/" + compared + " expected fields matched");
    }
}
