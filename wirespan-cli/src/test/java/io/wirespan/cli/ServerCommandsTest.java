package io.wirespan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CallLog;
import io.wirespan.server.ServerSettings;
import io.wirespan.server.WirespanServer;
import io.wirespan.server.registry.Registry;
import io.wirespan.store.DuckDbStore;
import io.wirespan.wasm.Wat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** query, plugin create|list|delete and config get|set against a real server. */
class ServerCommandsTest {
    private static final String TOKEN = "cli-token";

    @TempDir
    Path dir;
    private DuckDbStore store;
    private WirespanServer server;
    private String url;

    @BeforeEach
    void start() throws Exception {
        store = DuckDbStore.open(dir.resolve("s.duckdb"));
        store.append(List.of(
                CallLog.builder().startTime(1).endTime(2).flowId(1).client("10.0.0.1", 1).server("10.0.0.2", 80).requestResource("a\"b\n").build(),
                CallLog.builder().startTime(3).endTime(4).flowId(2).client("10.0.0.1", 2).server("10.0.0.2", 80).build()));
        server = WirespanServer.start(new ServerSettings(store, dir.resolve("journal"), new Registry(store), TOKEN, ServerSettings.DEFAULT_QUERY_LIMITS, null,
                "127.0.0.1", 0));
        url = server.uri().toString();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        store.close();
    }

    @Test
    void queryPrintsOneJsonObjectPerRowAndRefusesWrites() {
        CommandRun run = CommandRun.of("query", "--server", url, "SELECT flow_id, request_resource FROM l7_flow_log ORDER BY flow_id");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("{\"flow_id\":1,\"request_resource\":\"a\\\"b\\n\"}\n{\"flow_id\":2,\"request_resource\":null}\n");

        CommandRun write = CommandRun.of("query", "--server", url, "DELETE FROM l7_flow_log");
        assertThat(write.exitCode()).isEqualTo(2);
        assertThat(write.err()).isEqualTo("wirespan: only SELECT statements may be run here\n");

        CommandRun down = CommandRun.of("query", "--server", "http://127.0.0.1:1", "SELECT 1");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).startsWith("wirespan: cannot reach the server at http://127.0.0.1:1/");
    }

    @Test
    void queryReadsADatabaseFileToo() throws Exception {
        Path file = dir.resolve("other.duckdb");
        try (DuckDbStore other = DuckDbStore.open(file)) {
            other.append(List.of(CallLog.builder().startTime(1).endTime(2).flowId(7).client("a", 1).server("b", 2).build()));
        }
        CommandRun run = CommandRun.of("query", "--db", file.toString(), "SELECT flow_id FROM l7_flow_log");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("{\"flow_id\":7}\n");
        assertThat(CommandRun.of("query", "--db", dir.resolve("missing.duckdb").toString(), "SELECT 1").exitCode()).isEqualTo(2);
    }

    @Test
    void pluginsAndGroupConfigurationThroughTheCommands() throws Exception {
        Path wasm = Files.write(dir.resolve("hello.wasm"), Wat.compile(Wat.plugin(Wat.ABI_IMPORTS, "")));

        CommandRun noToken = CommandRun.of("plugin", "create", "--image", wasm.toString(), "--name", "hello", "--server", url);
        assertThat(noToken.exitCode()).isEqualTo(2);
        assertThat(noToken.err()).contains("Authorization: Bearer").contains("give --token or set WIRESPAN_TOKEN");

        CommandRun created = CommandRun.of("plugin", "create", "--type", "wasm", "--image", wasm.toString(), "--name", "hello",
                "--server", url, "--token", TOKEN);
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).startsWith("created plugin hello (");

        CommandRun listed = CommandRun.of("plugin", "list", "--server", url, "--format", "table");
        assertThat(listed.out()).containsPattern("(?m)^TYPE +NAME +SIZE +SHA256 +CREATED_AT +CALL_LOGS$")
                .containsPattern("(?m)^wasm +hello +" + Files.size(wasm) + " [0-9a-f]{16} ");
        assertThat(CommandRun.of("plugin", "list", "--server", url, "--format", "jsonl").out()).contains("\"name\":\"hello\"");

        Path yaml = Files.writeString(dir.resolve("edge.yaml"), "plugins:\n  wasm_plugins: [hello]\n");
        CommandRun set = CommandRun.of("config", "set", "--group", "edge", yaml.toString(), "--server", url, "--token", TOKEN);
        assertThat(set.out()).isEqualTo("group edge is at revision 1\n");
        assertThat(CommandRun.of("config", "get", "--group", "edge", "--server", url).out()).isEqualTo("plugins:\n  wasm_plugins: [hello]\n");

        CommandRun inUse = CommandRun.of("plugin", "delete", "hello", "--server", url, "--token", TOKEN);
        assertThat(inUse.exitCode()).isEqualTo(2);
        assertThat(inUse.err()).isEqualTo("wirespan: plugin 'hello' is in use by group 'edge' (plugins.wasm_plugins)\n");

        Path bad = Files.writeString(dir.resolve("bad.yaml"), "plugins:\n  wasm_plugins: [nope]\n");
        assertThat(CommandRun.of("config", "set", "--group", "edge", bad.toString(), "--server", url, "--token", TOKEN).exitCode()).isEqualTo(2);

        Files.writeString(yaml, "plugins:\n  wasm_plugins: []\n");
        CommandRun.of("config", "set", "--group", "edge", yaml.toString(), "--server", url, "--token", TOKEN);
        CommandRun deleted = CommandRun.of("plugin", "delete", "hello", "--server", url, "--token", TOKEN);
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(CommandRun.of("plugin", "list", "--server", url, "--format", "jsonl").out()).isEmpty();
    }
}
