package io.wirespan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirespan agent}'s refusals: each is bad input (exit 2) with a message that says what to change. */
class AgentCommandTest {
    @TempDir
    Path dir;

    @Test
    void anInterfaceThatDoesNotExistIsNamedWithThoseThatDo() {
        CommandRun run = CommandRun.of("agent", "--interface", "nosuch0", "--db", dir.resolve("a.duckdb").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("wirespan: --interface: no interface named nosuch0 (there are: ").contains("lo");
    }

    @Test
    void aRegexThatMatchesNothingOrDoesNotCompileIsBadInput() {
        CommandRun none = CommandRun.of("agent", "--interface-regex", "nosuch[0-9]+", "--db", dir.resolve("a.duckdb").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no interface matches nosuch[0-9]+");
        CommandRun broken = CommandRun.of("agent", "--interface-regex", "(lo", "--db", dir.resolve("a.duckdb").toString());
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).contains("--interface-regex: Unclosed group");
    }

    @Test
    void aFilterThatDoesNotCompileStopsTheAgentBeforeItStarts() {
        CommandRun run = CommandRun.of("agent", "--interface", "lo", "--bpf", "tcp port nonsense",
                "--db", dir.resolve("a.duckdb").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("BPF filter \"tcp port nonsense\"");
    }

    @Test
    void anInterfaceAndARegexTogetherAreAUsageError() {
        CommandRun run = CommandRun.of("agent", "--interface", "lo", "--interface-regex", "l.", "--db", "x.duckdb");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("mutually exclusive");
    }
}
