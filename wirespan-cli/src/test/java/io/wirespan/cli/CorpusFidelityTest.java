package io.wirespan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fidelity bar per corpus folder: the share of expected call-log fields that
 * {@code wirespan parse} reproduces, as {@code compare-calllogs} counts them. Per-file scores are
 * printed on every run.
 */
class CorpusFidelityTest {
    @TempDir
    Path work;

    @ParameterizedTest(name = "{0} ≥ {1}")
    @CsvSource({"dns, 0.97", "http, 0.97", "postgre, 0.97", "mongo, 0.97", "redis, 0.97", "memcached, 0.97", "kafka, 0.97", "mqtt, 0.97", "mysql, 0.97"})
    void folderReachesItsBar(String folder, double bar) throws Exception {
        CorpusFidelity.FolderScore score = CorpusFidelity.score(folder, work);
        System.out.println(score.report());
        assertThat(score.ratio()).as(score.report()).isGreaterThanOrEqualTo(bar);
    }
}
