package io.wirespan.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void defaultsFollowDeepFlow() {
        Config config = Config.defaults();
        assertThat(config.get(ConfigKeys.PAYLOAD_TRUNCATION)).isEqualTo(1024);
        assertThat(config.get(ConfigKeys.FLOW_TIMEOUT_ESTABLISHED)).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.get(ConfigKeys.APM_TRACE_ID)).containsExactly("traceparent", "sw8");
    }

    @Test
    void readsNestedDeepFlowKeys() {
        Config config = Config.parse("""
                processors:
                  request_log:
                    tunning:
                      payload_truncation: 65535
                    tag_extraction:
                      tracing_tag:
                        apm_trace_id: ["sw8"]
                      http_endpoint:
                        match_rules:
                          - url_prefix: /api
                            keep_segments: 3
                    filters:
                      port_number_prefilters:
                        HTTP: 80,8080
                  flow_log:
                    conntrack:
                      timeouts:
                        established: 10m
                        opening_rst: 500ms
                """, "test.yaml");
        assertThat(config.get(ConfigKeys.PAYLOAD_TRUNCATION)).isEqualTo(65535);
        assertThat(config.get(ConfigKeys.APM_TRACE_ID)).containsExactly("sw8");
        assertThat(config.get(ConfigKeys.HTTP_ENDPOINT_MATCH_RULES))
                .containsExactly(new ConfigKeys.EndpointRule("/api", 3));
        assertThat(config.get(ConfigKeys.PORT_NUMBER_PREFILTERS)).containsEntry("HTTP", "80,8080");
        assertThat(config.get(ConfigKeys.FLOW_TIMEOUT_ESTABLISHED)).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.get(ConfigKeys.FLOW_TIMEOUT_OPENING_RST)).isEqualTo(Duration.ofMillis(500));
        assertThat(config.get(ConfigKeys.OBFUSCATE_PROTOCOLS)).containsExactly("Redis");
    }

    @Test
    void overridesReplaceOnlyTheKeysTheySet() {
        Config local = Config.parse("processors: {request_log: {tag_extraction: {tracing_tag: {http_real_client: [X-Real-IP]}},"
                + " filters: {port_number_prefilters: {Redis: '6379'}}}}", "local.yaml");
        Config group = Config.parse("processors: {request_log: {filters: {port_number_prefilters: {Redis: '7000'}}}}", "group");
        Config merged = local.with(group);
        assertThat(merged.get(ConfigKeys.PORT_NUMBER_PREFILTERS)).isEqualTo(java.util.Map.of("Redis", "7000"));
        assertThat(merged.get(ConfigKeys.HTTP_REAL_CLIENT)).containsExactly("X-Real-IP");
        assertThat(merged.get(ConfigKeys.PAYLOAD_TRUNCATION)).isEqualTo(1024);
    }

    @Test
    void unknownKeyIsAnErrorNamingTheKeyAndTheFile() {
        assertThatThrownBy(() -> Config.parse("""
                processors:
                  request_log:
                    tunning:
                      payload_truncaton: 100
                """, "my.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("my.yaml: processors.request_log.tunning.payload_truncaton: unknown key"
                        + " (did you mean processors.request_log.tunning.payload_truncation?)");
    }

    @Test
    void unknownSectionIsAnError() {
        assertThatThrownBy(() -> Config.parse("outputs:\n  nothing: 1\n", "c.yaml"))
                .hasMessageStartingWith("c.yaml: outputs: unknown key");
    }

    @Test
    void badValueNamesTheKeyAndTheRange() {
        assertThatThrownBy(() -> Config.parse(
                "processors: {request_log: {tunning: {payload_truncation: 10}}}", "c.yaml"))
                .hasMessage("c.yaml: processors.request_log.tunning.payload_truncation: expected an integer in 256..65535, got 10");
        assertThatThrownBy(() -> Config.parse(
                "processors: {flow_log: {conntrack: {timeouts: {established: soon}}}}", "c.yaml"))
                .hasMessageContaining("processors.flow_log.conntrack.timeouts.established: expected a duration");
        assertThatThrownBy(() -> Config.parse(
                "processors: {request_log: {tag_extraction: {tracing_tag: {apm_trace_id: sw8}}}}", "c.yaml"))
                .hasMessageContaining("apm_trace_id: expected a list");
    }

    @Test
    void unknownFieldInsideAListEntryIsNamedWithItsIndex() {
        assertThatThrownBy(() -> Config.parse("""
                processors:
                  request_log:
                    tag_extraction:
                      http_endpoint:
                        match_rules:
                          - url_prefix: /a
                          - prefix: /b
                """, "c.yaml"))
                .hasMessage("c.yaml: processors.request_log.tag_extraction.http_endpoint.match_rules[1].prefix:"
                        + " unknown key (expected one of [url_prefix, keep_segments])");
    }

    @Test
    void duplicateKeysAndBrokenYamlAreErrors() {
        assertThatThrownBy(() -> Config.parse("plugins:\n  wasm_plugins: []\n  wasm_plugins: []\n", "d.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("d.yaml: not valid YAML");
        assertThatThrownBy(() -> Config.parse("processors: [unclosed", "e.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("e.yaml: not valid YAML");
        assertThatThrownBy(() -> Config.parse("- a list\n", "f.yaml"))
                .hasMessage("f.yaml: expected a mapping at the top level");
    }

    @Test
    void emptyFileMeansDefaults() {
        assertThat(Config.parse("", "empty.yaml").get(ConfigKeys.PAYLOAD_TRUNCATION)).isEqualTo(1024);
        assertThat(Config.parse("# only a comment\n", "c.yaml").get(ConfigKeys.PAYLOAD_TRUNCATION)).isEqualTo(1024);
    }

    @Test
    void everyConfigOfTheDeepFlowCorpusLoads() throws IOException {
        Path corpus = corpusDirectory();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".config.yaml")).toList();
        }
        assertThat(files).hasSizeGreaterThan(40);
        for (Path file : files) {
            Config config = Config.load(file);
            assertThat(config.get(ConfigKeys.PAYLOAD_TRUNCATION)).as(file.toString()).isBetween(256, 65535);
        }
    }

    private static Path corpusDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("corpus/deepflow");
            if (Files.isDirectory(candidate)) return candidate;
        }
        throw new AssertionError("../shared/corpus/deepflow not found above " + Path.of("").toAbsolutePath());
    }
}
