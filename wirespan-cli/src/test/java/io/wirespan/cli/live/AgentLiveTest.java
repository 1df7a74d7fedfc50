package io.wirespan.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.cli.WirespanCommand;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.QueryLimits;
import io.wirespan.store.QueryResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wirespan agent} capturing lo live while redis-cli talks to a real redis-server: after a
 * SIGTERM the agent stops cleanly and its DuckDB file holds one call log per command, with what
 * redis-cli saw.
 */
class AgentLiveTest {
    @TempDir
    Path temp;

    @Test
    void capturesLiveRedisTrafficIntoItsStoreAndStopsCleanlyOnSigterm() throws Exception {
        Path db = temp.resolve("agent.duckdb");
        Path config = Files.writeString(temp.resolve("agent.yaml"), RedisLiveTrafficTest.NO_OBFUSCATION);
        Path log = temp.resolve("agent.log");
        List<RedisCli.Exchange> exchanges = new ArrayList<>();
        Process agent;
        try (RedisServer redis = RedisServer.start()) {
            agent = Agents.start(log, redis, "--db", db.toString(), "--config", config.toString(), "--metrics-port", "0");
            exchanges.add(RedisCli.command(redis.port(), "SET", "user:1", "alice"));
            exchanges.add(RedisCli.command(redis.port(), "GET", "user:1"));
            exchanges.add(RedisCli.command(redis.port(), "INCR", "visits"));
            exchanges.add(RedisCli.command(redis.port(), "LPUSH", "user:1", "x"));
            exchanges.add(RedisCli.command(redis.port(), "GET", "nothing"));
            Loopback.sleep(500); // frames are handed over in blocks at least every 100 ms
            String metrics = Agents.scrape(log);
            assertThat(metrics).contains("wirespan_agent_call_logs_total{interface=\"lo\"} 5\n")
                    .contains("wirespan_agent_flows_total{interface=\"lo\",l7_protocol=\"Redis\"} 5\n")
                    .contains("wirespan_agent_dropped_packets_total{interface=\"lo\",reason=\"kernel_buffer_full\"} 0\n")
                    .containsPattern("wirespan_agent_packets_total\\{interface=\"lo\"} [1-9]")
                    .doesNotContain("reason=\"decode."); // the decoder skipped nothing: its frame and packet counts are no drops
            Agents.stop(agent, log);
        }
        String printed = Programs.read(log);
        assertThat(printed).contains("wirespan agent: 5 call logs delivered to " + db).contains("the kernel dropped 0");

        try (DuckDbStore store = DuckDbStore.open(db)) {
            QueryResult rows = store.query("SELECT request_resource, response_status, response_exception FROM l7_flow_log"
                    + " WHERE l7_protocol_str = 'Redis' ORDER BY start_time", List.of(),
                    new QueryLimits(1000, Duration.ofSeconds(30)));
            List<List<Object>> expected = exchanges.stream().map(x -> List.<Object>of(x.line(),
                    x.error() ? "server_error" : "ok", x.error() ? "-" + x.errorText() : "")).toList();
            assertThat(rows.rows().stream().map(AgentLiveTest::withoutNulls).toList()).isEqualTo(expected);
        }
    }

    @Test
    void shipsLiveRedisTrafficToAServerThatStoresEachCallLogOnce() throws Exception {
        String token = "agent-test-token";
        int serverPort = Loopback.freePort();
        Path serverLog = temp.resolve("server.log");
        Process server = JavaPrograms.start(WirespanCommand.class, List.of(), List.of("server", "--db",
                temp.resolve("server.duckdb").toString(), "--host", "127.0.0.1", "--port", Integer.toString(serverPort),
                "--token", token), serverLog);
        try {
            JavaPrograms.awaitListening(serverPort, server, serverLog);
            String url = "http://127.0.0.1:" + serverPort;
            Path config = Files.writeString(temp.resolve("agent.yaml"), RedisLiveTrafficTest.NO_OBFUSCATION);
            Path log = temp.resolve("agent.log");
            List<RedisCli.Exchange> exchanges = new ArrayList<>();
            Process agent;
            try (RedisServer redis = RedisServer.start()) {
                agent = Agents.start(log, redis, "--server", url, "--token", token, "--config", config.toString(),
                        "--spool", temp.resolve("spool").toString());
                for (int i = 0; i < 20; i++) exchanges.add(RedisCli.command(redis.port(), "INCR", "counter:" + (i % 3)));
                exchanges.add(RedisCli.command(redis.port(), "HGET", "counter:0", "f"));
                Loopback.sleep(500);
                Agents.stop(agent, log);
            }
            String printed = Programs.read(log);
                assertThat(printed).contains("wirespan agent: 21 call logs delivered to " + url);

            List<List<Object>> expected = exchanges.stream().map(x -> List.<Object>of(x.line(),
                    x.error() ? "server_error" : "ok")).toList();
            List<List<Object>> stored = List.of();
            long deadline = System.nanoTime() + 30_000_000_000L; // the server stores what it acknowledged within a second or so
            while (stored.size() < expected.size() && System.nanoTime() < deadline) {
                stored = ServerQueries.rows(url, token, "SELECT request_resource, response_status FROM l7_flow_log"
                        + " WHERE l7_protocol_str = 'Redis' ORDER BY start_time");
                Loopback.sleep(200);
            }
            assertThat(stored).isEqualTo(expected);
        } finally {
            Programs.stop(server);
        }
    }

    /** Two servers at once through one filter and two parsing threads: nginx with curl, PostgreSQL with psql. */
    @Test
    void capturesNginxAndPostgresqlTogetherOnTwoWorkers() throws Exception {
        Path db = temp.resolve("agent.duckdb");
        Path log = temp.resolve("agent.log");
        List<Curl.Exchange> requests = new ArrayList<>();
        List<Psql.Statement> statements;
        Process agent;
        try (Nginx nginx = Nginx.start(); Postgres postgres = Postgres.start()) {
            List<String> args = new ArrayList<>(List.of("agent", "--interface", "lo", "--workers", "2", "--db", db.toString(),
                    "--bpf", "tcp port " + nginx.http1Port() + " or tcp port " + postgres.port()));
            agent = JavaPrograms.start(WirespanCommand.class, List.of(), args, log);
            Agents.awaitCapturing(agent, log);
            String base = "http://" + Loopback.ADDRESS + ":" + nginx.http1Port();
            requests.addAll(Curl.run("GET", List.of(), java.util.Map.of(), base + "/api/users", base + "/no/such/page"));
            requests.addAll(Curl.run("POST", List.of("-d", "{\"qty\":2}"), java.util.Map.of(), base + "/api/orders"));
            statements = Psql.script(postgres, temp, List.of("CREATE TABLE t (id int PRIMARY KEY);",
                    "INSERT INTO t VALUES (1), (2);", "INSERT INTO t VALUES (1);", "SELECT * FROM nosuch;", "SELECT id FROM t;"));
            Loopback.sleep(500);
            Agents.stop(agent, log);
        }

        QueryLimits limits = new QueryLimits(1000, Duration.ofSeconds(30));
        try (DuckDbStore store = DuckDbStore.open(db)) {
            List<List<Object>> http = store.query("SELECT request_type, request_resource, response_code FROM l7_flow_log"
                    + " WHERE l7_protocol_str = 'HTTP' ORDER BY start_time", List.of(), limits).rows();
            assertThat(http).isEqualTo(requests.stream()
                    .map(x -> List.<Object>of(x.method(), x.target(), x.code())).toList());
            List<List<Object>> sql = store.query("SELECT request_resource, response_status FROM l7_flow_log"
                    + " WHERE l7_protocol_str = 'PostgreSQL' AND request_resource IS NOT NULL ORDER BY start_time",
                    List.of(), limits).rows();
            List<Psql.Statement> sent = statements.stream().filter(Psql.Statement::sent).toList();
            assertThat(sql).extracting(row -> row.get(0)).containsExactlyElementsOf(sent.stream().map(Psql.Statement::sql).toList());
            assertThat(sql).filteredOn(row -> !"ok".equals(row.get(1))).hasSize((int) sent.stream().filter(st -> st.error() != null).count());
        }
    }

    /**
     * A tap interface captured beside lo is deleted and made again while Redis traffic flows on lo:
     * the agent says so, opens the tap again once it is back and up, and lo's capture loses nothing.
     */
    @Test
    void anInterfaceThatGoesAwayIsOpenedAgainWhenItIsBackAndTheOthersGoOn() throws Exception {
        String tap = "wstap" + ProcessHandle.current().pid() % 10000;
        Path db = temp.resolve("agent.duckdb");
        Path log = temp.resolve("agent.log");
        Path config = Files.writeString(temp.resolve("agent.yaml"), RedisLiveTrafficTest.NO_OBFUSCATION);
        List<RedisCli.Exchange> exchanges = new ArrayList<>();
        ip("tuntap", "add", "dev", tap, "mode", "tap");
        try (RedisServer redis = RedisServer.start()) {
            ip("link", "set", tap, "up");
            Process agent = JavaPrograms.start(WirespanCommand.class, List.of(), List.of("agent", "--interface-regex", "lo|" + tap,
                    "--bpf", "tcp port " + redis.port(), "--db", db.toString(), "--config", config.toString(), "--metrics-port", "0"), log);
            Agents.awaitLine(agent, log, "capturing on lo, " + tap, 60);
            exchanges.add(RedisCli.command(redis.port(), "SET", "k", "before"));
            ip("link", "del", tap);
            Agents.awaitLine(agent, log, tap + ": The interface disappeared; opening it again every 1000 ms", 30);
            exchanges.add(RedisCli.command(redis.port(), "SET", "k", "while-away"));
            ip("tuntap", "add", "dev", tap, "mode", "tap");
            ip("link", "set", tap, "up");
            Agents.awaitLine(agent, log, tap + ": capturing again", 30);
            exchanges.add(RedisCli.command(redis.port(), "GET", "k"));
            Loopback.sleep(500);
            assertThat(Agents.scrape(log)).contains("wirespan_agent_interface_reopens_total{interface=\"" + tap + "\"} 1\n")
                    .contains("wirespan_agent_interface_reopens_total{interface=\"lo\"} 0\n");
            Agents.stop(agent, log);
        } finally {
            Programs.run(List.of("ip", "link", "del", tap)); // gone already unless the test failed
        }
        try (DuckDbStore store = DuckDbStore.open(db)) {
            List<List<Object>> rows = store.query("SELECT request_resource FROM l7_flow_log ORDER BY start_time", List.of(),
                    new QueryLimits(100, Duration.ofSeconds(30))).rows();
            assertThat(rows).isEqualTo(exchanges.stream().map(x -> List.<Object>of(x.line())).toList());
        }
    }

    /**
     * The server is killed (SIGKILL) while the agent ships a stream of commands, and started again
     * on the same database: every command is stored once, neither lost nor twice (batch ids, the
     * server's journal and the agent's retries between them).
     */
    @Test
    void aServerKilledAndStartedAgainUnderLoadEndsUpWithEveryCallLogOnce() throws Exception {
        String token = "agent-test-token";
        int serverPort = Loopback.freePort();
        List<String> serverCommand = List.of("server", "--db", temp.resolve("server.duckdb").toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(serverPort), "--token", token);
        Process server = JavaPrograms.start(WirespanCommand.class, List.of(), serverCommand, temp.resolve("server-1.log"));
        String url = "http://127.0.0.1:" + serverPort;
        Path log = temp.resolve("agent.log");
        int perPhase = 3000, phases = 3;
        try {
            JavaPrograms.awaitListening(serverPort, server, temp.resolve("server-1.log"));
            Process agent;
            try (RedisServer redis = RedisServer.start()) {
                agent = Agents.start(log, redis, "--server", url, "--token", token, "--spool", temp.resolve("spool").toString());
                for (int phase = 0; phase < phases; phase++) {
                    List<List<String>> commands = new ArrayList<>();
                    for (int i = 0; i < perPhase; i++) commands.add(List.of("INCR", "phase:" + phase));
                    Path work = Files.createDirectories(temp.resolve("phase-" + phase));
                    assertThat(RedisCli.pipe(redis.port(), work, commands).errors()).isEmpty();
                    if (phase == 0) {
                        Loopback.sleep(1500); // some batches reach the server, and some are on their way
                        Programs.signal(server, 9);
                        server.waitFor(30, TimeUnit.SECONDS);
                    } else if (phase == 1) {
                        server = JavaPrograms.start(WirespanCommand.class, List.of(), serverCommand, temp.resolve("server-2.log"));
                        JavaPrograms.awaitListening(serverPort, server, temp.resolve("server-2.log"));
                    }
                }
                Loopback.sleep(500);
                Agents.stop(agent, log);
            }
                assertThat(Programs.read(log)).contains("call logs delivered to " + url).doesNotContain("not delivered")
                    .contains("batches wait in the spool").contains("answers again") // the outage was met, and outlasted
                    .doesNotContain("the next agent");
            try (java.util.stream.Stream<Path> left = Files.list(temp.resolve("spool"))) {
                assertThat(left).isEmpty();
            }

            String sql = "SELECT request_resource, count(*) FROM l7_flow_log WHERE request_type = 'INCR'"
                    + " GROUP BY request_resource ORDER BY request_resource";
            List<List<Object>> expected = List.of(List.of("INCR phase:0", (long) perPhase), List.of("INCR phase:1", (long) perPhase),
                    List.of("INCR phase:2", (long) perPhase));
            List<List<Object>> stored = List.of();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!stored.equals(expected) && System.nanoTime() < deadline) {
                Loopback.sleep(500);
                stored = ServerQueries.rows(url, token, sql);
            }
            assertThat(stored).as(Programs.read(log)).isEqualTo(expected);
        } finally {
            Programs.stop(server);
        }
    }

    /** Runs iproute2's {@code ip}, which must succeed. */
    private static void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Programs.Result result = Programs.run(command);
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    private static List<Object> withoutNulls(List<Object> row) {
        return row.stream().map(v -> v == null ? "" : v).toList();
    }
}
