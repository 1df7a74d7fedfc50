package io.wirespan.engine.protocol.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.engine.testing.CorpusScoring;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every expected file of the DeepFlow corpus's {@code mongo/} folder: its capture through the real
 * pipeline with only the MongoDB parser, scored by the project's {@code compare-calllogs}; each file
 * and the folder must reach 97 % of the expected fields.
 */
class MongoCorpusTest {
    private static final String FOLDER = "mongo";
    private static final Path WORK = Path.of("target", FOLDER + "-corpus");
    private static long matched;
    private static long compared;

    static Stream<String> captures() throws IOException {
        return CorpusScoring.expectedNames(FOLDER).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void scoresAgainstDeepFlow(String name) throws Exception {
        CorpusScoring.Score score = CorpusScoring.score(FOLDER, name, List.of(new MongoProtocol()), WORK);
        matched += score.fields();
        compared += score.fieldsTotal();
        System.out.println(FOLDER + "/" + name + ": " + score);
        assertThat(score.atLeast(97)).as(name + ": " + score + ", actual in " + WORK).isTrue();
    }

    @AfterAll
    static void folderScore() {
        System.out.println(FOLDER + " corpus: " + matched + "/" + compared + " expected fields matched");
        assertThat(matched * 100).as(FOLDER + " fields matched").isGreaterThanOrEqualTo(compared * 97);
    }
}
