package io.wirespan.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tool runner fails loudly: a missing tool or a failing run never passes as empty output. */
class ToolsTest {
    @Test
    void returnsTheStandardOutputOfATool() {
        assertThat(Tools.tshark("-r", Corpus.file("http.pcap").toString(), "-T", "fields", "-e", "frame.number").lines())
                .hasSize(13)
                .startsWith("1", "2");
    }

    @Test
    void aMissingToolFailsNamingIt() {
        assertThatThrownBy(() -> Tools.run(List.of("wirespan-no-such-tool", "--version")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("wirespan-no-such-tool")
                .hasMessageContaining("could not be run");
    }

    @Test
    void aFailingToolFailsWithItsExitStatusAndStandardError() {
        assertThatThrownBy(() -> Tools.tshark("-r", "/nonexistent/wirespan.pcap"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("tshark exited with")
                .hasMessageContaining("/nonexistent/wirespan.pcap\" doesn't exist"); // tshark's own message, from stderr
    }
}
