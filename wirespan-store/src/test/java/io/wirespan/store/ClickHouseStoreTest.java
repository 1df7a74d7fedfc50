package io.wirespan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespan.api.CallLog;
import io.wirespan.api.L7Protocol;
import io.wirespan.engine.metrics.MetricsRow;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ClickHouse store against a real clickhouse-server, side by side with the DuckDB store where they should agree. */
class ClickHouseStoreTest {
    private static final long HOUR = 3_600_000_000L, NOW = 1_700_000_000_000_000L;
    private static final QueryLimits ROOMY = new QueryLimits(1000, Duration.ofSeconds(30));

    @TempDir
    static Path serverDir;
    @TempDir
    Path dir;

    private static ClickHouseServer server;

    @BeforeAll
    static void startServer() {
        server = ClickHouseServer.start(serverDir);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    @Test
    void aCallLogComesBackWithEveryFieldAndAbsentOnesNullAsInDuckDb() throws Exception {
        CallLog full = SampleCallLogs.full(NOW);
        CallLog sparse = SampleCallLogs.sparse(NOW);
        try (ClickHouseStore store = ClickHouseStore.open(server.url("round_trip"))) {
            store.append(List.of(full, sparse));
        }

        String all = "SELECT * FROM l7_flow_log ORDER BY flow_id";
        QueryResult clickHouse;
        try (ClickHouseStore store = ClickHouseStore.open(server.url("round_trip"))) { // the tables are kept
            clickHouse = store.query(all, List.of(), ROOMY);
        }
        QueryResult duckDb;
        try (DuckDbStore duck = DuckDbStore.open(dir.resolve("w.duckdb"))) {
            duck.append(List.of(full, sparse));
            duckDb = duck.query(all, List.of(), ROOMY);
        }

        assertThat(clickHouse.columns()).isEqualTo(duckDb.columns())
                .isEqualTo(Tables.L7_FLOW_LOG.columns().stream().map(Column::name).toList());
        assertThat(asDuckDbWouldSay(clickHouse.rows())).isEqualTo(asDuckDbWouldSay(duckDb.rows()));
        Map<String, Object> first = row(clickHouse, 0), second = row(clickHouse, 1);
        assertThat(first).containsEntry("type", "session").containsEntry("start_time", NOW).containsEntry("ip_1", "fd00::2")
                .containsEntry("l7_protocol", 80L).containsEntry("l7_protocol_str", "Redis")
                .containsEntry("request_resource", "GET k'ey").containsEntry("response_status", "server_error")
                .containsEntry("response_exception", "ERR \"quoted\"").containsEntry("sql_affected_rows", 3L)
                .containsEntry("is_async", 1L).containsEntry("is_tls", 0L).containsEntry("x_request_id_1", "x1")
                .containsEntry("attributes", Map.of("a", "1", "b", "2")).containsEntry("plugin", "pl")
                .doesNotContainValue(null);
        assertThat(second).containsEntry("type", "request").containsEntry("response_status", "unknown")
                .containsEntry("version", null).containsEntry("response_code", null).containsEntry("is_tls", null)
                .containsEntry("attributes", null);
    }

    @Test
    void metricsRowsComeBackAsInDuckDbTheOverflowRowToo() throws Exception {
        MetricsRow overflow = new MetricsRow(60, NOW, L7Protocol.HTTP1, null, 0, null, true, 5, 4, 1, 1, 1, 0, 0, null, null, null,
                null, 10, 20);
        List<MetricsRow> rows = List.of(metrics(1, NOW), metrics(60, NOW), overflow);
        String all = "SELECT * FROM application ORDER BY window_seconds, overflow";
        QueryResult clickHouse, duckDb;
        try (ClickHouseStore store = ClickHouseStore.open(server.url("metrics"))) {
            store.appendMetrics(rows);
            clickHouse = store.query(all, List.of(), ROOMY);
        }
        try (DuckDbStore duck = DuckDbStore.open(dir.resolve("m.duckdb"))) {
            duck.appendMetrics(rows);
            duckDb = duck.query(all, List.of(), ROOMY);
        }

        assertThat(clickHouse.columns()).isEqualTo(duckDb.columns());
        assertThat(asDuckDbWouldSay(clickHouse.rows())).isEqualTo(asDuckDbWouldSay(duckDb.rows())).hasSize(3);
        assertThat(row(clickHouse, 2)).containsEntry("overflow", 1L).containsEntry("ip_1", null).containsEntry("endpoint", null)
                .containsEntry("rrt_p99", null).containsEntry("request", 5L);
    }

    @Test
    void tablesArePartitionedByHourAndSortedByTimeProtocolServerAndPortWithNullOnlyWhereAValueMayBeAbsent() throws Exception {
        try (ClickHouseStore store = ClickHouseStore.open(server.url("schema"))) {
            QueryResult tables = store.query("SELECT name, engine, partition_key, sorting_key FROM system.tables WHERE database = ?"
                    + " ORDER BY name", List.of("schema"), ROOMY);
            assertThat(tables.rows()).containsExactly(
                    List.of("application", "MergeTree", "toStartOfHour(toDateTime(intDiv(time, 1000000)))",
                            "toDateTime(intDiv(time, 1000000)), l7_protocol, ifNull(ip_1, ''), server_port"),
                    List.of("ingest_batch", "MergeTree", "", "batch_id"),
                    List.of("l7_flow_log", "MergeTree", "toStartOfHour(toDateTime(intDiv(end_time, 1000000)))",
                            "toDateTime(intDiv(end_time, 1000000)), l7_protocol, ip_1, server_port"));
            QueryResult columns = store.query("SELECT name, type FROM system.columns WHERE database = ? AND table = ?",
                    List.of("schema", "l7_flow_log"), ROOMY);
            assertThat(columns.rows()).contains(List.of("start_time", "Int64"), List.of("ip_1", "String"),
                    List.of("client_port", "Int32"), List.of("version", "Nullable(String)"), List.of("is_tls", "Nullable(UInt8)"),
                    List.of("request_id", "Nullable(Int64)"), List.of("response_code", "Nullable(Int32)"),
                    List.of("attributes.names", "Array(String)"), List.of("attributes.values", "Array(String)"));
            assertThat(columns.rows()).hasSize(Tables.L7_FLOW_LOG.columns().size() + 1);
        }
    }

    @Test
    void expiryKeepsEachTableForItsOwnRetention() throws Exception {
        try (ClickHouseStore store = ClickHouseStore.open(server.url("expiry"))) {
            List<CallLog> logs = new ArrayList<>();
            for (long age : new long[] {1, 71, 73, 200}) {
                logs.add(CallLog.builder().startTime(NOW - age * HOUR).endTime(NOW - age * HOUR).flowId(age).client("a", 1).server("b", 2).build());
            }
            store.append(logs);
            store.appendMetrics(List.of(metrics(1, NOW - 23 * HOUR), metrics(1, NOW - 25 * HOUR),
                    metrics(60, NOW - 25 * HOUR), metrics(60, NOW - 169 * HOUR)));

            assertThat(store.expire(Retention.DEEPFLOW_DEFAULTS, NOW)).isEqualTo(2 + 1 + 1);

            assertThat(store.query("SELECT flow_id FROM l7_flow_log ORDER BY flow_id", List.of(), ROOMY).rows())
                    .containsExactly(List.of(1L), List.of(71L));
            assertThat(store.query("SELECT window_seconds * 1000 + intDiv(? - time, ?) AS window_and_age FROM application ORDER BY window_and_age",
                    List.of(NOW, HOUR), ROOMY).rows()).containsExactly(List.of(1023L), List.of(60025L));
            assertThat(store.expire(Retention.DEEPFLOW_DEFAULTS, NOW)).isZero();
        }
    }

    @Test
    void queriesThatCouldWriteOrReachOutsideAreRefusedByTheServerAndChangeNothing() throws Exception {
        try (ClickHouseStore store = ClickHouseStore.open(server.url("read_only"))) {
            store.append(List.of(CallLog.builder().startTime(NOW).endTime(NOW).flowId(1).client("a", 1).server("b", 2).build()));
            for (String sql : List.of("DROP TABLE l7_flow_log", "INSERT INTO application (time) VALUES (1)",
                    "ALTER TABLE l7_flow_log DELETE WHERE 1", "ALTER TABLE l7_flow_log DROP COLUMN plugin",
                    "CREATE TABLE x (a Int32) ENGINE = Memory", "TRUNCATE TABLE l7_flow_log", "OPTIMIZE TABLE l7_flow_log",
                    "RENAME TABLE l7_flow_log TO gone", "SET readonly = 0", "SELECT 1 SETTINGS max_result_rows = 1000000",
                    "SELECT * FROM file('/etc/passwd', 'TSV', 'line String')",
                    "SELECT * FROM url('http://127.0.0.1:" + server.httpPort() + "/ping', 'TSV', 'line String')",
                    "SELECT * FROM remote('127.0.0.1', system.one)")) {
                assertThatThrownBy(() -> store.query(sql, List.of(), ROOMY)).as(sql).isInstanceOf(BadQueryException.class)
                        .hasMessageContaining("readonly");
            }
            assertThatThrownBy(() -> store.query("SELECT 1; DROP TABLE l7_flow_log", List.of(), ROOMY))
                    .isInstanceOf(BadQueryException.class).hasMessageContaining("Multi-statements are not allowed");

            assertThat(store.query("SELECT count(), sum(flow_id) FROM l7_flow_log", List.of(), ROOMY).rows())
                    .containsExactly(List.of(1L, 1L));
            assertThat(store.query("SELECT count() FROM system.tables WHERE database = 'read_only'", List.of(), ROOMY).rows())
                    .containsExactly(List.of(3L));
        }
    }

    @Test
    void boundParametersStayValuesWhateverTheyHoldAndRoundTripThroughInserts() throws Exception {
        List<String> hostile = SampleCallLogs.HOSTILE;
        try (ClickHouseStore store = ClickHouseStore.open(server.url("parameters"))) {
            store.append(SampleCallLogs.hostile(NOW));

            for (int i = 0; i < hostile.size(); i++) {
                String value = hostile.get(i);
                assertThat(store.query("SELECT flow_id, request_resource, attributes.names, attributes.values FROM l7_flow_log"
                        + " WHERE request_resource = ?", List.of(value), ROOMY).rows()).as(value)
                        .containsExactly(List.of((long) i, value, Map.of(value, value)));
                assertThat(store.query("SELECT ? AS v", List.of(value), ROOMY).rows()).as(value).containsExactly(List.of(value));
            }
            assertThat(store.query("SELECT count() FROM l7_flow_log WHERE request_resource = ?", List.of("x' OR '1'='1' OR '1'='1"),
                    ROOMY).rows()).containsExactly(List.of(0L));
            // a ? in a string, a quoted name or a comment is not a placeholder
            assertThat(store.query("SELECT '?' AS `a?`, ? AS v /* ? */ -- ?\n", List.of("b"), ROOMY).rows())
                    .containsExactly(List.of("?", "b"));
            assertThat(store.query("SELECT 3-?, ? * 2, ?, isNull(?)", Arrays.asList(-5, 2.5, true, null), ROOMY).rows())
                    .containsExactly(List.of(8L, 5.0, 1L, 1L));
            assertThatThrownBy(() -> store.query("SELECT ?, ?", List.of(1), ROOMY)).isInstanceOf(BadQueryException.class)
                    .hasMessage("the query has 2 ? placeholders but 1 parameters were given");
            assertThatThrownBy(() -> store.query("SELECT ?", List.of(new Object()), ROOMY)).isInstanceOf(BadQueryException.class)
                    .hasMessage("parameter 1 must be a string, number, boolean or null, not Object");
        }
    }

    @Test
    void aQueryStopsAtItsRowLimitAndItsTimeLimit() throws Exception {
        try (ClickHouseStore store = ClickHouseStore.open(server.url("limits"))) {
            List<CallLog> logs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                logs.add(CallLog.builder().startTime(NOW + i).endTime(NOW + i).flowId(i).client("a", 1).server("b", 2).build());
            }
            store.append(logs);
            QueryResult capped = store.query("SELECT flow_id FROM l7_flow_log ORDER BY flow_id", List.of(),
                    new QueryLimits(4, Duration.ofSeconds(10)));
            assertThat(capped.rows()).containsExactly(List.of(0L), List.of(1L), List.of(2L), List.of(3L));
            assertThat(capped.truncated()).isTrue();
            QueryResult exact = store.query("SELECT flow_id FROM l7_flow_log", List.of(), new QueryLimits(10, Duration.ofSeconds(10)));
            assertThat(exact.rows()).hasSize(10);
            assertThat(exact.truncated()).isFalse();
            // the server stops near the limit too: an endless table is not read to its end
            QueryResult endless = store.query("SELECT number FROM system.numbers", List.of(), new QueryLimits(3, Duration.ofSeconds(10)));
            assertThat(endless.rows()).containsExactly(List.of(0L), List.of(1L), List.of(2L));
            assertThat(endless.truncated()).isTrue();

            long started = System.nanoTime();
            assertThatThrownBy(() -> store.query("SELECT count() FROM system.numbers WHERE number = 1000000000000", List.of(),
                    new QueryLimits(10, Duration.ofMillis(1000))))
                    .isInstanceOf(BadQueryException.class).hasMessage("the query ran over its time limit of 1000 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(store.query("SELECT 42", List.of(), ROOMY).rows()).containsExactly(List.of(42L));
        }
    }

    @Test
    void aFailingQueryIsABadQueryWithClickHousesOwnWords() throws Exception {
        try (ClickHouseStore store = ClickHouseStore.open(server.url("errors"))) {
            for (String sql : List.of("SELECT nope FROM l7_flow_log", "SELEC 1", "SELECT * FROM no_such_table")) {
                assertThatThrownBy(() -> store.query(sql, List.of(), ROOMY)).as(sql).isInstanceOf(BadQueryException.class)
                        .message().doesNotContain("Code:", "e.what()", "DB::Exception", "Stack trace", "\n")
                        .containsAnyOf("nope", "Syntax error", "no_such_table");
            }
            assertThatThrownBy(() -> store.query("SELECT 1 FORMAT TSV", List.of(), ROOMY)).isInstanceOf(BadQueryException.class)
                    .hasMessageContaining("does the query name a FORMAT?");
        }
    }

    @Test
    void userAndPasswordComeFromTheUrlAndNeverShowInMessages() throws Exception {
        try (ClickHouseStore store = ClickHouseStore.open(server.url("users", ClickHouseServer.USER, ClickHouseServer.PASSWORD))) {
            store.append(List.of(CallLog.builder().startTime(NOW).endTime(NOW).flowId(1).client("a", 1).server("b", 2).build()));
            assertThat(store.query("SELECT count() FROM l7_flow_log", List.of(), ROOMY).rows()).containsExactly(List.of(1L));
        }
        URI wrong = server.url("users", ClickHouseServer.USER, "not-the-password-42");
        assertThatThrownBy(() -> ClickHouseStore.open(wrong)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("http://wirespan@127.0.0.1:" + server.httpPort() + "/users: cannot create the tables: ")
                .hasMessageContaining("password").message().doesNotContain("not-the-password-42");
    }

    @Test
    void anUnreachableServerOrAMalformedUrlIsNamedInTheMessage() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> ClickHouseStore.open(URI.create("http://127.0.0.1:" + closed + "/nowhere")))
                .isInstanceOf(StoreException.class)
                .hasMessage("http://127.0.0.1:" + closed + "/nowhere: cannot reach ClickHouse: connection refused");
        for (String url : List.of("ftp://u:secret@127.0.0.1/db", "http://u:secret@127.0.0.1:8123/db?user=x",
                "http://u:secret@127.0.0.1:8123/bad-name", "http:///db", "localhost:8123/db")) {
            assertThatThrownBy(() -> ClickHouseStore.open(URI.create(url))).as(url).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not a ClickHouse URL (http(s)://[user[:password]@]host[:port][/database]): ")
                    .message().doesNotContain("secret");
        }
    }

    @Test
    void withAClusterRowsGoThroughDistributedTablesToLocalOnes() throws Exception {
        ClickHouseStore.Options sharded = new ClickHouseStore.Options(ClickHouseServer.CLUSTER, false);
        try (ClickHouseStore store = ClickHouseStore.open(server.url("sharded"), sharded)) {
            assertThat(store.query("SELECT name, engine FROM system.tables WHERE database = 'sharded' ORDER BY name", List.of(), ROOMY)
                    .rows()).containsExactly(List.of("application", "Distributed"), List.of("application_local", "MergeTree"),
                    List.of("ingest_batch", "MergeTree"), List.of("l7_flow_log", "Distributed"), List.of("l7_flow_log_local", "MergeTree"));
            store.append(List.of(CallLog.builder().startTime(NOW).endTime(NOW).flowId(1).client("a", 1).server("b", 2).build(),
                    CallLog.builder().startTime(NOW).endTime(NOW - 100 * HOUR).flowId(2).client("a", 1).server("b", 2).build()));
            store.appendMetrics(List.of(metrics(60, NOW)));
            // the insert answers once the rows are in the local tables
            assertThat(store.query("SELECT (SELECT count() FROM l7_flow_log_local), (SELECT count() FROM application)", List.of(), ROOMY)
                    .rows()).containsExactly(List.of(2L, 1L));

            assertThat(store.expire(Retention.DEEPFLOW_DEFAULTS, NOW)).isEqualTo(1);
            assertThat(store.query("SELECT flow_id FROM l7_flow_log", List.of(), ROOMY).rows()).containsExactly(List.of(1L));
        }

        // distributed DDL needs ZooKeeper or Keeper, which this server has not: ClickHouse's refusal is passed on
        assertThatThrownBy(() -> ClickHouseStore.open(server.url("sharded_ddl"), ClickHouseStore.Options.cluster(ClickHouseServer.CLUSTER)))
                .isInstanceOf(StoreException.class).hasMessageStartingWith(server.url("sharded_ddl") + ": cannot create the tables: ");
        List<String> ddl = new ClickHouseSchema("flow_log", "c1", true).createIfMissing();
        assertThat(ddl).hasSize(6);
        assertThat(ddl.subList(0, 5)).allSatisfy(statement -> assertThat(statement).contains(" ON CLUSTER `c1`"));
        assertThat(ddl.get(5)).as("batch ids stay on the server the store talks to").doesNotContain("ON CLUSTER")
                .startsWith("CREATE TABLE IF NOT EXISTS `flow_log`.`ingest_batch` (");
        assertThat(ddl.get(1)).startsWith("CREATE TABLE IF NOT EXISTS `flow_log`.`l7_flow_log_local` ON CLUSTER `c1` (`type` String, ")
                .endsWith(" ENGINE = MergeTree PARTITION BY toStartOfHour(toDateTime(intDiv(`end_time`, 1000000)))"
                        + " ORDER BY (toDateTime(intDiv(`end_time`, 1000000)), `l7_protocol`, `ip_1`, `server_port`)");
        assertThat(ddl.get(2)).isEqualTo("CREATE TABLE IF NOT EXISTS `flow_log`.`l7_flow_log` ON CLUSTER `c1`"
                + " AS `flow_log`.`l7_flow_log_local` ENGINE = Distributed('c1', 'flow_log', 'l7_flow_log_local', rand())");
        assertThat(new ClickHouseSchema("flow_log", "c1", true).deleteWhere(Tables.L7_FLOW_LOG, "end_time < 5"))
                .isEqualTo("ALTER TABLE `flow_log`.`l7_flow_log_local` ON CLUSTER `c1` DELETE WHERE end_time < 5");
        assertThatThrownBy(() -> ClickHouseStore.Options.cluster("c`; DROP")).isInstanceOf(IllegalArgumentException.class);
    }

    private static MetricsRow metrics(int window, long time) {
        return new MetricsRow(window, time, L7Protocol.HTTP1, "10.0.0.2", 80, "/api", false, 3, 3, 1, 0, 0, 300, 3, 200L, 90L,
                190L, 200L, 100, 400);
    }

    private static Map<String, Object> row(QueryResult result, int index) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < result.columns().size(); i++) row.put(result.columns().get(i), result.rows().get(index).get(i));
        return row;
    }

    /** DuckDB answers INTEGER as Integer and BOOLEAN as Boolean; ClickHouse's JSON says Long and 0 or 1. */
    private static List<List<Object>> asDuckDbWouldSay(List<List<Object>> rows) {
        return rows.stream().map(row -> row.stream().map(v -> switch (v) {
            case Integer i -> (Object) i.longValue();
            case Boolean b -> b ? 1L : 0L;
            case null, default -> v;
        }).toList()).toList();
    }
}
