package io.wirespan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespan.api.CallLog;
import io.wirespan.api.L7Protocol;
import io.wirespan.engine.metrics.MetricsRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbStoreTest {
    private static final long HOUR = 3_600_000_000L, NOW = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aCallLogComesBackWithEveryFieldAndAbsentOnesNull() throws Exception {
        Path file = dir.resolve("w.duckdb");
        CallLog full = SampleCallLogs.full(NOW);
        CallLog sparse = SampleCallLogs.sparse(NOW);
        try (DuckDbStore store = DuckDbStore.open(file)) {
            store.append(List.of(full, sparse));
        }

        try (DuckDbStore store = DuckDbStore.open(file)) { // the file keeps them
            List<Map<String, Object>> rows = store.read(c -> rows(c.createStatement(), "SELECT * FROM l7_flow_log ORDER BY flow_id"));
            assertThat(rows).hasSize(2);
            Map<String, Object> first = rows.getFirst();
            assertThat(first).containsEntry("type", "session").containsEntry("start_time", NOW).containsEntry("ip_1", "fd00::2")
                    .containsEntry("l7_protocol", 80).containsEntry("l7_protocol_str", "Redis")
                    .containsEntry("request_resource", "GET k'ey").containsEntry("response_status", "server_error")
                    .containsEntry("response_exception", "ERR \"quoted\"").containsEntry("sql_affected_rows", 3L)
                    .containsEntry("is_async", true).containsEntry("is_tls", false).containsEntry("x_request_id_1", "x1")
                    .containsEntry("attributes", Map.of("a", "1", "b", "2")).containsEntry("plugin", "pl");
            assertThat(first).hasSize(Tables.L7_FLOW_LOG.columns().size()).doesNotContainValue(null);
            Map<String, Object> second = rows.get(1);
            assertThat(second).containsEntry("type", "request").containsEntry("response_status", "unknown")
                    .containsEntry("version", null).containsEntry("response_code", null).containsEntry("is_tls", null)
                    .containsEntry("attributes", null);
        }
    }

    @Test
    void expiryKeepsEachTableForItsOwnRetention() throws Exception {
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("r.duckdb"))) {
            List<CallLog> logs = new ArrayList<>();
            for (long age : new long[] {1, 71, 73, 200}) {
                logs.add(CallLog.builder().startTime(NOW - age * HOUR).endTime(NOW - age * HOUR).flowId(age).client("a", 1).server("b", 2).build());
            }
            store.append(logs);
            store.appendMetrics(List.of(metrics(1, NOW - 23 * HOUR), metrics(1, NOW - 25 * HOUR),
                    metrics(60, NOW - 25 * HOUR), metrics(60, NOW - 169 * HOUR)));

            long deleted = store.expire(Retention.DEEPFLOW_DEFAULTS, NOW);

            assertThat(deleted).isEqualTo(2 + 1 + 1);
            List<Long> flows = store.read(c -> longs(c.createStatement(), "SELECT flow_id FROM l7_flow_log ORDER BY 1"));
            assertThat(flows).containsExactly(1L, 71L);
            List<Long> windowsAndAges = store.read(c -> longs(c.createStatement(),
                    "SELECT window_seconds * 1000 + (" + NOW + " - time) // " + HOUR + " FROM application ORDER BY 1"));
            assertThat(windowsAndAges).containsExactly(1023L, 60025L);
        }
        assertThatThrownBy(() -> new Retention(Duration.ZERO, Duration.ofHours(1), Duration.ofHours(1)))
                .hasMessageContaining("positive");
    }

    @Test
    void queriesReadWithBoundParametersAndStopAtTheRowLimit() throws Exception {
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("q.duckdb"))) {
            List<CallLog> logs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                logs.add(CallLog.builder().startTime(NOW + i).endTime(NOW + i).flowId(i).client("10.0.0.1", 1000 + i)
                        .server("10.0.0.2", 6379).l7Protocol(L7Protocol.REDIS).requestResource("GET 'k" + i + "'")
                        .attributes(Map.of("i", "" + i)).build());
            }
            store.append(logs);
            QueryLimits roomy = new QueryLimits(100, Duration.ofSeconds(10));

            QueryResult one = store.query("SELECT flow_id, request_resource, attributes FROM l7_flow_log WHERE request_resource = ?",
                    List.of("GET 'k3'"), roomy);
            assertThat(one.columns()).containsExactly("flow_id", "request_resource", "attributes");
            assertThat(one.rows()).containsExactly(List.of(3L, "GET 'k3'", Map.of("i", "3")));
            assertThat(one.truncated()).isFalse();

            QueryResult capped = store.query("SELECT flow_id FROM l7_flow_log ORDER BY flow_id", List.of(), new QueryLimits(4, Duration.ofSeconds(10)));
            assertThat(capped.rows()).containsExactly(List.of(0L), List.of(1L), List.of(2L), List.of(3L));
            assertThat(capped.truncated()).isTrue();

            // a value that looks like SQL stays a value
            assertThat(store.query("SELECT count(*) FROM l7_flow_log WHERE request_resource = ?", List.of("x' OR '1'='1"), roomy).rows())
                    .containsExactly(List.of(0L));
        }
    }

    @Test
    void queriesThatCouldWriteOrReachOutsideAreRefusedAndChangeNothing() throws Exception {
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("ro.duckdb"))) {
            store.append(List.of(CallLog.builder().startTime(NOW).endTime(NOW).flowId(1).client("a", 1).server("b", 2).build()));
            QueryLimits limits = new QueryLimits(100, Duration.ofSeconds(10));
            for (String sql : List.of("DROP TABLE l7_flow_log", "DELETE FROM l7_flow_log", "INSERT INTO application (time) VALUES (1)",
                    "UPDATE l7_flow_log SET flow_id = 2", "COPY l7_flow_log TO '/tmp/wirespan-leak.csv'", "ATTACH '/tmp/other.duckdb'",
                    "SET enable_external_access = true", "PRAGMA database_list", "CREATE TABLE x (a INT)")) {
                assertThatThrownBy(() -> store.query(sql, List.of(), limits)).as(sql).isInstanceOf(BadQueryException.class)
                        .hasMessage("only SELECT statements may be run here");
            }
            assertThatThrownBy(() -> store.query("SELECT 1; DROP TABLE l7_flow_log", List.of(), limits))
                    .isInstanceOf(BadQueryException.class).hasMessage("only SELECT statements may be run here");
            assertThatThrownBy(() -> store.query("SELECT 1; SELECT 2", List.of(), limits))
                    .isInstanceOf(BadQueryException.class).hasMessage("one statement at a time, not 2");
            assertThatThrownBy(() -> store.query("SELECT * FROM read_text('/etc/passwd')", List.of(), limits))
                    .isInstanceOf(BadQueryException.class).hasMessageContaining("disabled by configuration");
            assertThatThrownBy(() -> store.query("SELECT * FROM query('DROP TABLE l7_flow_log')", List.of(), limits))
                    .isInstanceOf(BadQueryException.class);
            assertThatThrownBy(() -> store.query("SELECT nope FROM l7_flow_log", List.of(), limits))
                    .isInstanceOf(BadQueryException.class).hasMessageContaining("nope");

            assertThat(store.query("SELECT count(*) FROM l7_flow_log", List.of(), limits).rows()).containsExactly(List.of(1L));
            assertThat(Path.of("/tmp/wirespan-leak.csv")).doesNotExist();
        }
    }

    @Test
    void aQueryOverItsTimeIsStopped() throws Exception {
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("slow.duckdb"))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> store.query("SELECT count(*) FROM range(100000000) a, range(100000000) b WHERE a.range + b.range = -1",
                    List.of(), new QueryLimits(10, Duration.ofMillis(200))))
                    .isInstanceOf(BadQueryException.class).hasMessage("the query ran over its time limit of 200 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(store.query("SELECT 42", List.of(), new QueryLimits(10, Duration.ofSeconds(5))).rows()).containsExactly(List.of(42));
        }
    }

    @Test
    void aBatchIsStoredOnceHoweverOftenItIsSent() throws Exception {
        Path file = dir.resolve("b.duckdb");
        List<CallLog> logs = List.of(
                CallLog.builder().startTime(NOW).endTime(NOW).flowId(1).client("a", 1).server("b", 2).build(),
                CallLog.builder().startTime(NOW).endTime(NOW).flowId(2).client("a", 1).server("b", 2).build());
        try (DuckDbStore store = DuckDbStore.open(file)) {
            assertThat(store.appendBatch("batch-1", logs, List.of(metrics(60, NOW)))).isTrue();
            assertThat(store.appendBatch("batch-1", logs, List.of(metrics(60, NOW)))).isFalse();
            assertThat(store.appendBatch("batch-2", logs.subList(0, 1), List.of())).isTrue();
        }
        try (DuckDbStore store = DuckDbStore.open(file)) { // ids survive a restart
            assertThat(store.appendBatch("batch-2", logs, List.of())).isFalse();
            QueryLimits limits = new QueryLimits(10, Duration.ofSeconds(10));
            assertThat(store.query("SELECT count(*) FROM l7_flow_log", List.of(), limits).rows()).containsExactly(List.of(3L));
            assertThat(store.query("SELECT count(*) FROM application", List.of(), limits).rows()).containsExactly(List.of(1L));
        }
    }

    @Test
    void batchesTogetherAreStoredOnceEachAndSayWhichWereNew() throws Exception {
        QueryLimits limits = new QueryLimits(10, Duration.ofSeconds(10));
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("many.duckdb"))) {
            List<CallLog> logs = List.of(SampleCallLogs.sparse(NOW));
            CallLogStore.AgentBatch a = new CallLogStore.AgentBatch("a", logs, List.of()), b = new CallLogStore.AgentBatch("b", logs, List.of(metrics(1, NOW))),
                    c = new CallLogStore.AgentBatch("c", logs, List.of());

            assertThat(store.appendBatches(List.of(a, b, a))).containsExactly("a", "b");
            assertThat(store.appendBatches(List.of(b, c))).containsExactly("c");
            assertThat(store.appendBatches(List.of())).isEmpty();

            assertThat(store.query("SELECT count(*) FROM l7_flow_log", List.of(), limits).rows()).containsExactly(List.of(3L));
            assertThat(store.query("SELECT count(*) FROM application", List.of(), limits).rows()).containsExactly(List.of(1L));
            assertThat(store.query("SELECT batch_id, call_logs, metrics FROM ingest_batch ORDER BY 1", List.of(), limits).rows())
                    .containsExactly(List.of("a", 1L, 0L), List.of("b", 1L, 1L), List.of("c", 1L, 0L));
        }
    }

    @Test
    void manyRowsAndHostileStringsGoInWhole() throws Exception {
        QueryLimits limits = new QueryLimits(100, Duration.ofSeconds(10));
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("many.duckdb"))) {
            List<CallLog> logs = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                logs.add(CallLog.builder().startTime(NOW).endTime(NOW + i).flowId(i).client("a", 1).server("b", 2)
                        .requestResource(i % 3 == 0 ? null : "r" + i).responseCode(i % 5 == 0 ? null : i).build());
            }
            store.append(logs); // more rows than one of DuckDB's vectors holds, values and nulls mixed
            store.append(SampleCallLogs.hostile(NOW));

            assertThat(store.query("SELECT count(*), count(DISTINCT flow_id), sum(end_time - start_time)::BIGINT,"
                    + " count(request_resource), count(*) FILTER (WHERE request_resource = 'r' || flow_id), count(*) FILTER (WHERE response_code = flow_id)"
                    + " FROM l7_flow_log WHERE flow_id >= 100 OR request_resource IS NULL OR request_resource LIKE 'r%'",
                    List.of(), limits).rows()).containsExactly(List.of(5000L, 5000L, 4999L * 5000 / 2, 3333L, 3333L, 4000L));
            for (int i = 0; i < SampleCallLogs.HOSTILE.size(); i++) {
                String value = SampleCallLogs.HOSTILE.get(i);
                assertThat(store.query("SELECT flow_id, request_resource, attributes FROM l7_flow_log WHERE request_resource = ?",
                        List.of(value), limits).rows()).as(value).containsExactly(List.of((long) i, value, Map.of(value, value)));
            }
            // the function rows go in through gives nothing to a query that does not hold the write's key
            assertThat(store.query("SELECT count(*) FROM wirespan_feed_l7_flow_log(0)", List.of(), limits).rows()).containsExactly(List.of(0L));
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedNamingIt() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.duckdb"), "not a database at all, just text ".repeat(200));
        assertThatThrownBy(() -> DuckDbStore.open(junk)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith(junk + ": cannot open as a DuckDB database: ");
    }

    private static MetricsRow metrics(int window, long time) {
        return new MetricsRow(window, time, L7Protocol.HTTP1, "10.0.0.2", 80, "/api", false, 3, 3, 1, 0, 0, 300, 3, 200L, 90L,
                190L, 200L, 100, 400);
    }

    private static List<Map<String, Object>> rows(Statement statement, String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (statement; ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<Long> longs(Statement statement, String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (statement; ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) values.add(rs.getLong(1));
        }
        return values;
    }
}
