package io.wirespan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.wasm.Wat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins that misbehave on purpose, each loaded into a run over the project's sample captures:
 * every one is contained and reported, and the call logs it does not own are byte for byte those
 * of the run without it.
 */
class HostilePluginsTest {
    private static final List<String> CAPTURES = List.of("redis", "mysql", "postgresql", "http", "kafka", "mqtt", "mongodb");
    /** Tight limits, so the failing plugins are disabled early in the run. */
    private static final String LIMITS = "plugins: {wasm_limits: {call_timeout: 20ms, max_consecutive_failures: 3, max_memory: 1048576}}";

    private static List<String> baseline;

    @TempDir
    Path dir;

    @BeforeAll
    static void runWithoutPlugins() {
        CommandRun run = parse();
        assertThat(run.exitCode()).as(run.err()).isZero();
        baseline = sortedLines(run.out());
        assertThat(baseline).hasSizeGreaterThan(100);
    }

    @Test
    void anEndlessLoopIsStoppedAtEachCallAndDisabled() throws IOException {
        CommandRun run = parseWith("loop", LIMITS, """
                (func (export "check_payload") (result i32) (loop $forever (br $forever)) i32.const 0)
                """);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(sortedLines(run.out())).isEqualTo(baseline);
        assertThat(run.err()).contains("wirespan: plugin loop.wasm: failed: check_payload ran over its budget of 20 ms")
                .contains("wirespan: plugin loop.wasm disabled: 3 failed calls in a row, the last: check_payload ran over its budget")
                .contains("check_payload 3 calls (3 failed");
    }

    @Test
    void memoryGrowsToTheCapAndNoFurther() throws IOException {
        CommandRun run = parseWith("greedy", LIMITS, """
                (func (export "check_payload") (result i32)
                  (block $full (loop $grow
                    (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
                    (br $grow)))
                  ;; the last byte of what it got is usable
                  (i32.store8 (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 1)) (i32.const 1))
                  i32.const 0)
                """);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(sortedLines(run.out())).isEqualTo(baseline);
        assertThat(run.err()).containsPattern("wirespan: plugin greedy.wasm: check_payload [1-9][0-9]* calls \\(0 failed, [0-9.]+ ms\\),"
                + " memory 1.0 MiB per instance\n");
    }

    @Test
    void resultRecordsWithBadLengthsFailTheCallAndLoseOnlyTheFlowsItClaimed() throws IOException {
        // Claims flows that start with "GET ", then hands over a record whose length runs past the buffer.
        CommandRun run = parseWith("liar", LIMITS, """
                (data (i32.const 2048) "\\00\\10PB\\0a\\7f")
                (func (export "check_payload") (result i32)
                  (if (i32.lt_s (call $payload (i32.const 4096) (i32.const 60000)) (i32.const 4)) (then (return (i32.const 0))))
                  (if (i32.ne (i32.load (i32.const 4096)) (i32.const 0x20544547)) (then (return (i32.const 0))))
                  i32.const 0x0101)
                (func (export "parse_payload") (result i32)
                  (drop (call $info (i32.const 2048) (i32.const 6)))
                  i32.const 1)
                """);

        assertThat(run.exitCode()).as(run.err()).isZero();
        Predicate<String> http = line -> line.contains("\"l7_protocol_str\":\"HTTP\"");
        List<String> lines = sortedLines(run.out());
        assertThat(lines.stream().filter(http.negate())).containsExactlyElementsOf(baseline.stream().filter(http.negate()).toList());
        assertThat(baseline.stream().filter(http)).containsAll(lines.stream().filter(http).toList());
        assertThat(lines).noneMatch(line -> line.contains("\"l7_protocol\":127"));
        assertThat(run.err()).contains("wirespan: plugin liar.wasm: failed: parse_payload handed over a result that does not decode:"
                + " host_read_l7_protocol_info: ").contains("wirespan: plugin liar.wasm disabled: 3 failed calls in a row");
    }

    @Test
    void tenMegabytesOfLogsPerCallAreCutToBoundedLines() throws IOException {
        // Each call logs one line of 10 MiB, then 10,240 lines of 1 KiB: slow work, so a generous budget.
        CommandRun run = parseWith("chatty", "plugins: {wasm_limits: {call_timeout: 5s}}", """
                (func (export "check_payload") (result i32)
                  (local $i i32)
                  (if (i32.lt_u (memory.size) (i32.const 161)) (then (drop (memory.grow (i32.sub (i32.const 161) (memory.size))))))
                  (memory.fill (i32.const 65536) (i32.const 120) (i32.const 10485760))
                  (call $log (i32.const 65536) (i32.const 10485760) (i32.const 0))
                  (loop $more
                    (call $log (i32.const 65536) (i32.const 1024) (i32.const 0))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br_if $more (i32.lt_u (local.get $i) (i32.const 10240))))
                  i32.const 0)
                """);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(sortedLines(run.out())).isEqualTo(baseline);
        assertThat(run.err()).contains("wirespan: plugin chatty.wasm: info: " + "x".repeat(4096) + "…\n")
                .contains("wirespan: plugin chatty.wasm: info: " + "x".repeat(1024) + "\n")
                .containsPattern("wirespan: plugin chatty.wasm: [0-9,]+ more log lines and failures not shown")
                .containsPattern("check_payload [1-9][0-9,]* calls \\(0 failed");
        assertThat(run.err().length()).as("what reaches stderr stays bounded").isLessThan(64 * 1024);
    }

    @Test
    void aTrapInStartRefusesThePluginBeforeAnyOutput() throws IOException {
        CommandRun run = parseWith("trap", "", "(func (export \"_start\") unreachable)");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).startsWith("wirespan: trap.wasm: _start trapped:");
    }

    @Test
    void anExportOfTheWrongSignatureRefusesThePlugin() throws IOException {
        CommandRun run = parseWith("crooked", "", "(func (export \"check_payload\") (param i32) (result i32) i32.const 0)");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).isEqualTo("wirespan: crooked.wasm: exports check_payload as (i32) -> (i32), not () -> (i32)");
    }

    private CommandRun parseWith(String name, String config, String body) throws IOException {
        Path plugin = dir.resolve(name + ".wasm");
        Files.write(plugin, Wat.compile(Wat.plugin(Wat.ABI_IMPORTS, Wat.PAYLOAD_HOOKS + body)));
        Path yaml = dir.resolve(name + ".yaml");
        Files.writeString(yaml, config);
        return parse("--config", yaml.toString(), "--wasm-plugin", plugin.toString());
    }

    /** One worker, so the plugin sees the flows in capture order and the tests' counts hold. */
    private static CommandRun parse(String... options) {
        List<String> args = new ArrayList<>(List.of("parse", "--format", "jsonl", "--workers", "1"));
        args.addAll(List.of(options));
        for (String capture : CAPTURES) args.add(Path.of("..", "samples", capture + ".pcap").toString());
        return CommandRun.of(args.toArray(String[]::new));
    }

    private static List<String> sortedLines(String out) {
        return out.lines().sorted().toList();
    }
}
