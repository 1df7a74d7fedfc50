package io.wirespan.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.L7ProtocolProvider;
import io.wirespan.engine.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every capture of one folder of the DeepFlow corpus through the real pipeline (reader, decoder,
 * flow table, reassembly, an engine with only the protocols under test, session aggregation), with
 * the capture's harness settings, scored by {@link CorpusScoring} against its {@code .expected.jsonl}.
 * The folder as a whole must match at least 97 % of the expected fields; each file must too, or,
 * where one file alone may fall short, at least have fields to compare. The actual call logs stay
 * in {@code target/FOLDER-corpus} for a look.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CorpusFolderTest {
    private static final int BAR_PERCENT = 97;

    private final String folder;
    private final boolean eachFileAtBar;
    private final Function<Config, List<L7ProtocolProvider>> protocols;
    private final Path work;
    private long matched;
    private long compared;

    /**
     * @param eachFileAtBar whether every file must reach the bar, not only the folder
     * @param protocols the protocols to enable, made from the capture's settings
     */
    protected CorpusFolderTest(String folder, boolean eachFileAtBar, Function<Config, List<L7ProtocolProvider>> protocols) {
        this.folder = folder;
        this.eachFileAtBar = eachFileAtBar;
        this.protocols = protocols;
        this.work = Path.of("target", folder + "-corpus");
    }

    protected Stream<String> captures() throws IOException {
        return CorpusScoring.expectedNames(folder).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    protected void scoresAgainstDeepFlow(String name) throws Exception {
        CorpusScoring.Score score = CorpusScoring.score(folder, name, protocols, work);
        matched += score.fields();
        compared += score.fieldsTotal();
        System.out.println(folder + "/" + name + ": " + score);
        if (eachFileAtBar) {
            assertThat(score.atLeast(BAR_PERCENT)).as(name + ": " + score + ", actual in " + work).isTrue();
        } else {
            assertThat(score.fieldsTotal()).as(name + " fields").isPositive();
        }
    }

    @AfterAll
    protected void folderScore() {
        System.out.println(folder + " corpus: " + matched + "/" + compared + " expected fields matched");
        assertThat(matched * 100).as(folder + " fields matched").isGreaterThanOrEqualTo(compared * BAR_PERCENT);
    }
}
