package io.wirespan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wirespan.wasm.CPlugins;
import io.wirespan.wasm.Wat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirespan plugin exec} on plugins/examples/hello (C SDK) and on hand-written broken modules. */
class PluginExecCommandTest {
    private static Path hello;

    @BeforeAll
    static void build() {
        hello = CPlugins.compile("hello");
    }

    @Test
    void checkPayloadPrintsTheClaimedProtocol() {
        CommandRun run = exec("--hook", "check_payload", "--payload-hex", hex("HELLO bob\n"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject json = json(run);
        assertThat(json.get("hook").getAsString()).isEqualTo("check_payload");
        assertThat(json.get("returned").getAsInt()).isEqualTo(0x107);
        assertThat(json.get("plugin").getAsString()).isEqualTo("hello.wasm");
        JsonObject protocol = json.getAsJsonObject("protocol");
        assertThat(protocol.get("number").getAsInt()).isEqualTo(7);
        assertThat(protocol.get("name").getAsString()).isEqualTo("hello");
        assertThat(protocol.get("direction").getAsString()).isEqualTo("request");
        assertThat(json.get("error").isJsonNull()).isTrue();
    }

    @Test
    void parsePayloadPrintsRecordsAndLogLines(@TempDir Path dir) throws IOException {
        Path payload = Files.writeString(dir.resolve("reply"), "OK hi there\n");
        CommandRun run = exec("--hook", "parse_payload", "--l7", "7", "--direction", "response", "--payload", payload.toString(),
                "--src", "[2001:db8::2]:7000", "--dst", "[2001:db8::1]:40000");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject record = json(run).getAsJsonArray("records").get(0).getAsJsonObject();
        assertThat(record.get("response_status").getAsString()).isEqualTo("ok");
        assertThat(record.get("response_code").getAsInt()).isEqualTo(200);
        assertThat(record.get("response_result").getAsString()).isEqualTo("hi there");
        assertThat(record.get("trace_id").getAsString()).isEqualTo("trace-of-hello");
        assertThat(record.getAsJsonObject("attributes").get("text").getAsString()).isEqualTo("hi there");
        JsonObject log = json(run).getAsJsonArray("logs").get(0).getAsJsonObject();
        assertThat(log.get("level").getAsString()).isEqualTo("info");
        assertThat(log.get("message").getAsString()).isEqualTo("answered ok");
    }

    @Test
    void theContextFlagsReachThePlugin() {
        // hello parses only flows of its own protocol number, 7
        CommandRun other = exec("--hook", "parse_payload", "--l7", "8", "--payload-hex", hex("HELLO x\n"));
        assertThat(json(other).get("returned").getAsInt()).isZero();
        assertThat(json(other).getAsJsonArray("records")).isEmpty();
    }

    @Test
    void aTrappingHookPrintsTheErrorAndExitsWithOne(@TempDir Path dir) throws IOException {
        Path trapping = Files.write(dir.resolve("trap.wasm"),
                Wat.compile(Wat.plugin("", "(func (export \"parse_payload\") (result i32) unreachable)")));
        CommandRun run = CommandRun.of("plugin", "exec", "--plugin", trapping.toString(), "--hook", "parse_payload",
                "--payload-hex", "00");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(json(run).get("error").getAsString()).startsWith("parse_payload trapped");
    }

    @Test
    void aModuleThatIsNoPluginIsBadInputWithOneLine(@TempDir Path dir) throws IOException {
        Path imports = Files.write(dir.resolve("imports.wasm"), Wat.compile(Wat.plugin("(import \"env\" \"f\" (func))", "")));
        CommandRun run = CommandRun.of("plugin", "exec", "--plugin", imports.toString(), "--hook", "check_payload",
                "--payload-hex", "00");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).isEqualTo("wirespan: imports.wasm: imports env.f, which the host does not offer"
                + " (it offers DeepFlow's deepflow.* functions and its subset of wasi_snapshot_preview1)");
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertThat(exec("--hook", "check_payload", "--payload-hex", "0g").exitCode()).isEqualTo(2);
        assertThat(exec("--hook", "check_payload", "--payload-hex", "00", "--src", "10.0.0.1").exitCode()).isEqualTo(2);
        assertThat(exec("--hook", "nope", "--payload-hex", "00").exitCode()).isEqualTo(2);
        assertThat(exec("--hook", "check_payload").exitCode()).isEqualTo(2);
    }

    private static CommandRun exec(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "plugin";
        all[1] = "exec";
        all[2] = "--plugin";
        all[3] = hello.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return CommandRun.of(all);
    }

    private static JsonObject json(CommandRun run) {
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.US_ASCII));
    }
}
