package io.wirespan.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.cli.WirespanCommand;
import io.wirespan.wasm.CPlugins;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * An agent following its group's configuration on a real server while it captures: a new
 * revision that disables Redis and names a Wasm plugin, and then one that undoes both, each take
 * effect within a poll, without a restart; the call logs the server ends up with show each
 * revision at work, and /metrics shows the plugin's calls.
 */
class AgentGroupConfigTest {
    private static final String TOKEN = "group-config-test-token";

    @TempDir
    Path temp;

    @Test
    void appliesEachRevisionOfItsGroupsConfigurationAndPluginsWhileCapturing() throws Exception {
        int serverPort = Loopback.freePort();
        Path serverLog = temp.resolve("server.log");
        Process server = JavaPrograms.start(WirespanCommand.class, List.of(), List.of("server", "--db",
                temp.resolve("server.duckdb").toString(), "--host", "127.0.0.1", "--port", Integer.toString(serverPort),
                "--token", TOKEN), serverLog);
        String url = "http://127.0.0.1:" + serverPort;
        Path log = temp.resolve("agent.log");
        List<List<Object>> expected = new ArrayList<>();
        try (RedisServer redis = RedisServer.start();
             ServerSocket hello = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            JavaPrograms.awaitListening(serverPort, server, serverLog);
            Thread.ofPlatform().daemon().start(() -> HelloPluginLiveTrafficTest.serve(hello));
            assertThat(WirespanCommand.run("plugin", "create", "--type", "wasm", "--name", "hello", "--image",
                    CPlugins.compile("hello").toString(), "--server", url, "--token", TOKEN)).isZero();
            Path config = Files.writeString(temp.resolve("agent.yaml"), RedisLiveTrafficTest.NO_OBFUSCATION);
            Process agent = JavaPrograms.start(WirespanCommand.class, List.of(), List.of("agent", "--interface", "lo",
                    "--bpf", "tcp port " + redis.port() + " or tcp port " + hello.getLocalPort(), "--server", url, "--token", TOKEN,
                    "--group", "edge", "--config-poll-seconds", "1", "--config", config.toString(), "--metrics-port", "0",
                    "--spool", temp.resolve("spool").toString()), log);
            Agents.awaitCapturing(agent, log);

            // the group has no configuration yet: the agent's own, Redis parsed and no plugin
            expected.add(List.of("Redis", RedisCli.command(redis.port(), "SET", "a", "1").line()));
            assertThat(HelloPluginLiveTrafficTest.hello(hello.getLocalPort(), "alice")).isEqualTo("OK hi alice");

            long second = putConfig(url, "edge", "plugins: {wasm_plugins: [hello]}\n"
                    + "processors: {request_log: {application_protocol_inference: {enabled_protocols: [HTTP, Custom]}}}\n");
            Agents.awaitLine(agent, log, "configuration revision " + second + " applied, plugins hello", 30);
            Loopback.sleep(300); // the shards take the new settings up at their next clock tick
            RedisCli.command(redis.port(), "GET", "a");
            assertThat(HelloPluginLiveTrafficTest.hello(hello.getLocalPort(), "bob")).isEqualTo("OK hi bob");
            expected.add(List.of("hello", "bob"));
            Loopback.sleep(300);
            String metrics = Agents.scrape(log);
            assertThat(metrics).containsPattern("wirespan_agent_plugin_calls_total\\{plugin=\"hello\",hook=\"check_payload\"} [1-9]")
                    .containsPattern("wirespan_agent_plugin_calls_total\\{plugin=\"hello\",hook=\"parse_payload\"} [1-9]")
                    .contains("wirespan_agent_plugin_disabled{plugin=\"hello\"} 0\n")
                    .contains("wirespan_agent_config_revision{group=\"edge\"} " + second + "\n")
                    .contains("wirespan_agent_config_failures_total{group=\"edge\"} 0\n");

            long third = putConfig(url, "edge", "{}\n");
            Agents.awaitLine(agent, log, "configuration revision " + third + " applied, plugins none", 30);
            Loopback.sleep(300);
            expected.add(List.of("Redis", RedisCli.command(redis.port(), "INCR", "c").line()));
            assertThat(HelloPluginLiveTrafficTest.hello(hello.getLocalPort(), "carol")).isEqualTo("OK hi carol");
            Loopback.sleep(500);
            Agents.stop(agent, log);

            List<List<Object>> stored = List.of();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (stored.size() < expected.size() && System.nanoTime() < deadline) {
                Loopback.sleep(200);
                stored = ServerQueries.rows(url, TOKEN, "SELECT l7_protocol_str, request_resource FROM l7_flow_log ORDER BY start_time");
            }
            assertThat(stored).as(Programs.read(log)).isEqualTo(expected);
        } finally {
            Programs.stop(server);
        }
    }

    /** Sets the group's configuration; returns its new revision. */
    private static long putConfig(String url, String group, String yaml) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/v1/config/" + group))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(answer.body()).get("revision").asLong();
    }
}
