package io.wirespan.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.cli.WirespanCommand;
import io.wirespan.store.ClickHouseServer;
import io.wirespan.store.ClickHouseStore;
import io.wirespan.store.QueryLimits;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agents on one host, each through a filter of its own (redis-server's port, nginx's), ship
 * to one {@code wirespan server} that stores into a real ClickHouse: every call log arrives once,
 * under its protocol, and each agent's batches hold what that agent captured.
 */
class AgentsToClickHouseTest {
    private static final String TOKEN = "clickhouse-agents-token";

    @TempDir
    Path temp;

    @Test
    void twoAgentsShipThroughOneServerAndClickHouseHoldsEachCallLogOnce() throws Exception {
        try (ClickHouseServer clickHouse = ClickHouseServer.start(temp.resolve("clickhouse"))) {
            URI database = clickHouse.url("agents");
            int serverPort = Loopback.freePort();
            Path serverLog = temp.resolve("server.log");
            Process server = JavaPrograms.start(WirespanCommand.class, List.of(), List.of("server", "--clickhouse",
                    database.toString(), "--state", temp.resolve("state.duckdb").toString(), "--host", "127.0.0.1",
                    "--port", Integer.toString(serverPort), "--token", TOKEN), serverLog);
            try {
                JavaPrograms.awaitListening(serverPort, server, serverLog);
                shipAndCheck("http://127.0.0.1:" + serverPort, database);
            } finally {
                Programs.stop(server);
            }
        }
    }

    private void shipAndCheck(String url, URI database) throws Exception {
        Path redisLog = temp.resolve("agent-redis.log"), nginxLog = temp.resolve("agent-nginx.log");
        Path config = Files.writeString(temp.resolve("agent.yaml"), RedisLiveTrafficTest.NO_OBFUSCATION);
        List<RedisCli.Exchange> commands = new ArrayList<>();
        List<Curl.Exchange> requests = new ArrayList<>();
        Process redisAgent = null, nginxAgent;
        try (RedisServer redis = RedisServer.start(); Nginx nginx = Nginx.start()) {
            nginxAgent = JavaPrograms.start(WirespanCommand.class, List.of(), List.of("agent", "--interface", "lo",
                    "--bpf", "tcp port " + nginx.http1Port(), "--server", url, "--token", TOKEN,
                    "--spool", temp.resolve("spool-nginx").toString()), nginxLog);
            try {
                redisAgent = Agents.start(redisLog, redis, "--server", url, "--token", TOKEN,
                        "--config", config.toString(), "--spool", temp.resolve("spool-redis").toString());
                Agents.awaitCapturing(nginxAgent, nginxLog);
                for (int i = 0; i < 6; i++) commands.add(RedisCli.command(redis.port(), "INCR", "hits:" + i % 2));
                commands.add(RedisCli.command(redis.port(), "LPUSH", "hits:0", "x")); // WRONGTYPE: a server error
                String base = "http://" + Loopback.ADDRESS + ":" + nginx.http1Port();
                requests.addAll(Curl.run("GET", List.of(), Map.of(), base + "/api/users", base + "/no/such/page", base + "/boom"));
                requests.addAll(Curl.run("POST", List.of("-d", "{\"qty\":2}"), Map.of(), base + "/api/orders"));
                Loopback.sleep(500); // frames are handed over in blocks at least every 100 ms
                Programs.signal(redisAgent, 15);
                Programs.signal(nginxAgent, 15);
                Agents.awaitStopped(redisAgent, redisLog);
                Agents.awaitStopped(nginxAgent, nginxLog);
            } finally {
                if (redisAgent != null) Programs.stop(redisAgent);
                Programs.stop(nginxAgent);
            }
        }
        assertThat(Programs.read(redisLog)).contains("wirespan agent: " + commands.size() + " call logs delivered to " + url);
        assertThat(Programs.read(nginxLog)).contains("wirespan agent: " + requests.size() + " call logs delivered to " + url);

        String redisSql = "SELECT request_resource, response_status FROM l7_flow_log WHERE l7_protocol_str = 'Redis'"
                + " ORDER BY start_time";
        String httpSql = "SELECT request_type, request_resource, response_code FROM l7_flow_log WHERE l7_protocol_str = 'HTTP'"
                + " ORDER BY start_time";
        awaitStored(url, commands.size() + requests.size());
        assertThat(ServerQueries.rows(url, TOKEN, redisSql)).isEqualTo(commands.stream()
                .map(x -> List.<Object>of(x.line(), x.error() ? "server_error" : "ok")).toList());
        assertThat(ServerQueries.rows(url, TOKEN, httpSql)).isEqualTo(requests.stream()
                .map(x -> List.<Object>of(x.method(), x.target(), (long) x.code())).toList());

        // Both agents run on this host and share its name; their batch ids tell them apart by the
        // agent's start time (ServerDestination: host-startMillis-sequence).
        try (ClickHouseStore store = ClickHouseStore.open(database)) {
            Map<String, Long> perAgent = new TreeMap<>();
            for (List<Object> batch : store.query("SELECT batch_id, call_logs FROM ingest_batch", List.of(),
                    new QueryLimits(1000, Duration.ofSeconds(30))).rows()) {
                String id = (String) batch.get(0);
                perAgent.merge(id.substring(0, id.lastIndexOf('-')), ((Number) batch.get(1)).longValue(), Long::sum);
            }
            assertThat(perAgent.values()).containsExactlyInAnyOrder((long) commands.size(), (long) requests.size());
        }
    }

    /**
     * Waits until the server stored {@code count} call logs (it stores what it acknowledged within
     * a second or so), then a second more: a call log stored twice would come after the others.
     */
    private static void awaitStored(String url, long count) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (stored(url) < count && System.nanoTime() < deadline) Loopback.sleep(300);
        Loopback.sleep(1000);
        assertThat(stored(url)).isEqualTo(count);
    }

    private static long stored(String url) {
        return (Long) ServerQueries.rows(url, TOKEN, "SELECT count(*) FROM l7_flow_log").getFirst().getFirst();
    }
}
