package io.wirespan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.cli.plugin.PluginJars;
import io.wirespan.wasm.CPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDirectoryTest {
    @TempDir
    Path dir;

    private final Path capture = Path.of("..", "samples", "memcached.pcap").toAbsolutePath().normalize();

    @Test
    void aJarInThePluginDirectoryAddsAProtocol() throws IOException {
        assertThat(run()).doesNotContain("\"l7_protocol_str\":\"Kv\"");
        PluginJars.writeKv(dir.resolve("kv-plugin.jar"));

        String out = run("--plugin-dir", dir.toString());
        assertThat(out).contains("\"l7_protocol_str\":\"Kv\"").contains("\"request_type\":\"set\"")
                .contains("\"response_result\":\"STORED\"");
    }

    @Test
    void whatAPluginsParsersCountIsSummedUnderItsProtocolName() throws IOException {
        PluginJars.writeKv(dir.resolve("kv-plugin.jar"));
        CommandRun run = CommandRun.of("parse", "--format", "jsonl", "--plugin-dir", dir.toString(), capture.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        long requests = run.out().lines().filter(l -> l.contains("\"l7_protocol_str\":\"Kv\"") && l.contains("\"request_type\""))
                .count();
        assertThat(requests).isPositive();
        assertThat(run.err().lines().filter(l -> l.startsWith("wirespan: Kv parser: ")))
                .singleElement().asString().contains("commands " + requests);
    }

    @Test
    void aPluginIsOffWhenCustomIsNotEnabled() throws IOException {
        PluginJars.writeKv(dir.resolve("kv-plugin.jar"));
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "processors: {request_log: {application_protocol_inference: {enabled_protocols: [HTTP]}}}");
        assertThat(run("--plugin-dir", dir.toString(), "--config", config.toString())).doesNotContain("\"Kv\"");
    }

    @Test
    void aWasmFileInTheDirectoryIsLoadedAsAWasmPlugin() throws IOException {
        Files.copy(CPlugins.compile("hello"), dir.resolve("hello.wasm"));
        CommandRun run = CommandRun.of("parse", "--format", "jsonl", "--plugin-dir", dir.toString(), capture.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).containsPattern("wirespan: plugin hello.wasm: check_payload [1-9][0-9]* calls \\(0 failed");
    }

    @Test
    void theWasmLimitsOfTheConfigurationApply() throws IOException {
        Files.copy(CPlugins.compile("hello"), dir.resolve("hello.wasm"));
        Path config = dir.resolve("limits.yaml");
        Files.writeString(config, "plugins: {wasm_limits: {max_memory: 65536, call_timeout: 50ms}}");
        CommandRun run = CommandRun.of("parse", "--format", "jsonl", "--config", config.toString(), "--plugin-dir", dir.toString(),
                capture.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).matches("wirespan: hello.wasm: declares \\d+ KiB of memory, over the cap of 64 KiB");
    }

    @Test
    void aBrokenWasmFileIsBadInputNamingIt() throws IOException {
        Files.write(dir.resolve("p.wasm"), new byte[] {0, 'a', 's', 'm'});
        CommandRun run = CommandRun.of("parse", "--format", "jsonl", "--plugin-dir", dir.toString(), capture.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).startsWith("wirespan: p.wasm: not a valid WebAssembly module");
    }

    private String run(String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "parse";
        args[1] = "--format";
        args[2] = "jsonl";
        System.arraycopy(options, 0, args, 3, options.length);
        args[args.length - 1] = capture.toString();
        CommandRun run = CommandRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }
}
