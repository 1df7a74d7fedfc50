package io.wirespan.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.CallLog;
import io.wirespan.server.registry.Registry;
import io.wirespan.store.DuckDbStore;
import io.wirespan.wasm.Wat;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class RegistryRoutesTest {
    private static final String TOKEN = "registry-token";
    private static final String[] AUTH = {"Authorization", "Bearer " + TOKEN, "Content-Type", "application/wasm"};
    private static final byte[] HELLO = Wat.compile(Wat.plugin(Wat.ABI_IMPORTS, ""));

    @TempDir
    Path dir;
    private DuckDbStore store;
    private WirespanServer server;
    private Http http;

    @BeforeEach
    void start() throws Exception {
        store = DuckDbStore.open(dir.resolve("registry.duckdb"));
        store.append(List.of(CallLog.builder().startTime(1).endTime(2).flowId(1).client("a", 1).server("b", 2).plugin("hello").build()));
        server = WirespanServer.start(new ServerSettings(store, dir.resolve("journal"), new Registry(store), TOKEN, ServerSettings.DEFAULT_QUERY_LIMITS, null,
                "127.0.0.1", 0));
        http = new Http(server.uri());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        store.close();
    }

    @Test
    void pluginsAreCheckedStoredListedServedAndDeleted() throws Exception {
        assertThat(http.get("/v1/plugins").json()).isEmpty();
        assertThat(http.post("/v1/plugins?name=hello&type=wasm", HELLO, "Content-Type", "application/wasm").status()).isEqualTo(401);

        Http.Answer created = http.post("/v1/plugins?name=hello&type=wasm", HELLO, AUTH);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("sha256").asString()).isEqualTo(Registry.sha256(HELLO));

        JsonNode listed = http.get("/v1/plugins").json().get(0);
        assertThat(listed.get("name").asString()).isEqualTo("hello");
        assertThat(listed.get("size").asLong()).isEqualTo(HELLO.length);
        assertThat(listed.get("call_logs").asLong()).isEqualTo(1); // the stored call log the plugin produced

        assertThat(http.post("/v1/plugins?name=hello&type=wasm", HELLO, AUTH).status()).isEqualTo(409);

        Http.Answer image = http.get("/v1/plugins/hello/image");
        assertThat(image.headers().get("content-type").getFirst()).isEqualTo("application/wasm");
        String etag = image.headers().get("etag").getFirst();
        assertThat(http.send(HttpRequest.newBuilder(server.uri().resolve("/v1/plugins/hello/image")).header("If-None-Match", etag)).status())
                .isEqualTo(304);

        assertThat(http.send(HttpRequest.newBuilder(server.uri().resolve("/v1/plugins/hello")).DELETE()).status()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(server.uri().resolve("/v1/plugins/nope")).DELETE().headers(AUTH)).status()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(server.uri().resolve("/v1/plugins/hello")).DELETE().headers(AUTH)).status()).isEqualTo(200);
        assertThat(http.get("/v1/plugins").json()).isEmpty();
        assertThat(http.get("/v1/plugins/hello/image").status()).isEqualTo(404);
    }

    @Test
    void badPluginsAreRefusedWithTheReason() throws Exception {
        Http.Answer garbage = http.post("/v1/plugins?name=junk", "not wasm at all".getBytes(), AUTH);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().get("error").asString()).startsWith("junk: not a valid WebAssembly module");

        byte[] trap = Wat.compile(Wat.plugin(Wat.ABI_IMPORTS, "(func (export \"_start\") unreachable)"));
        assertThat(http.post("/v1/plugins?name=trap", trap, AUTH).json().get("error").asString()).startsWith("trap: _start trapped");

        assertThat(http.post("/v1/plugins?name=../etc/passwd", HELLO, AUTH).json().get("error").asString()).contains("is not 1 to 64 letters");
        assertThat(http.post("/v1/plugins?name=lib&type=so", HELLO, AUTH).json().get("error").asString()).startsWith("type 'so' is not served");
        assertThat(http.post("/v1/plugins?name=empty", new byte[0], AUTH).status()).isEqualTo(400);
        assertThat(http.get("/v1/plugins").json()).isEmpty();
    }

    @Test
    void groupConfigurationIsCheckedVersionedAndServedToAgentsWithAnETag() throws Exception {
        http.post("/v1/plugins?name=hello", HELLO, AUTH);
        String[] yamlAuth = {"Authorization", "Bearer " + TOKEN, "Content-Type", "application/yaml"};

        Http.Answer fresh = http.get("/v1/agent/config?group=edge");
        assertThat(fresh.json().get("revision").asLong()).isZero();
        assertThat(fresh.json().get("plugins")).isEmpty();

        assertThat(put("/v1/config/edge", "plugins:\n  wasm_plugins: [hello]\n", "Content-Type", "application/yaml").status()).isEqualTo(401);
        Http.Answer unknownPlugin = put("/v1/config/edge", "plugins:\n  wasm_plugins: [missing]\n", yamlAuth);
        assertThat(unknownPlugin.status()).isEqualTo(400);
        assertThat(unknownPlugin.json().get("error").asString()).isEqualTo("plugins.wasm_plugins names 'missing', which is not in the registry");
        Http.Answer badKey = put("/v1/config/edge", "processors:\n  request_log:\n    timeouts: {tcp_request_timeout: forever}\n", yamlAuth);
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(put("/v1/config/edge", "{{{ not yaml", yamlAuth).status()).isEqualTo(400);

        String yaml = "plugins:\n  wasm_plugins: [hello]\n";
        assertThat(put("/v1/config/edge", yaml, yamlAuth).json().get("revision").asLong()).isEqualTo(1);
        Http.Answer stored = http.get("/v1/config/edge");
        assertThat(stored.body()).isEqualTo(yaml);
        assertThat(stored.headers().get("x-wirespan-revision").getFirst()).isEqualTo("1");

        Http.Answer agent = http.get("/v1/agent/config?group=edge");
        JsonNode plugin = agent.json().get("plugins").get(0);
        assertThat(plugin.get("name").asString()).isEqualTo("hello");
        assertThat(plugin.get("url").asString()).isEqualTo("/v1/plugins/hello/image");
        assertThat(plugin.get("sha256").asString()).isEqualTo(Registry.sha256(HELLO));
        String etag = agent.headers().get("etag").getFirst();
        assertThat(agentConfig("edge", etag).status()).isEqualTo(304);

        assertThat(http.send(HttpRequest.newBuilder(server.uri().resolve("/v1/plugins/hello")).DELETE().headers(AUTH)).status())
                .isEqualTo(409); // in use by the group

        assertThat(put("/v1/config/edge", "plugins:\n  wasm_plugins: []\n", yamlAuth).json().get("revision").asLong()).isEqualTo(2);
        Http.Answer changed = agentConfig("edge", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("plugins")).isEmpty();
        assertThat(http.get("/v1/config/bad%20name").status()).isEqualTo(400);
    }

    private Http.Answer put(String path, String body, String... headers) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).headers(headers)
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private Http.Answer agentConfig(String group, String etag) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve("/v1/agent/config?group=" + group)).header("If-None-Match", etag));
    }
}
