package io.wirespan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.QueryLimits;
import io.wirespan.store.QueryResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parse --store}: the DuckDB file holds exactly what the JSON lines say, and the RED metrics beside them. */
class ParseStoreTest {
    private static final QueryLimits ALL = new QueryLimits(1_000_000, Duration.ofSeconds(60));

    @TempDir
    Path dir;

    @Test
    void everyStoredRowIsItsJsonLineAndTheMetricsAreThere() throws Exception {
        Path db = dir.resolve("w.duckdb");
        CommandRun stored = StoredRows.parse("--store", db.toString(), "--metrics");
        assertThat(stored.exitCode()).as(stored.err()).isZero();
        assertThat(stored.out()).isEmpty();
        StoredRows.Printed printed = StoredRows.printed();
        List<JsonObject> callLogs = printed.callLogs();
        long metricsLines = printed.metricsLines();

        try (DuckDbStore store = DuckDbStore.open(db)) {
            QueryResult result = store.query("SELECT * FROM l7_flow_log", List.of(), ALL);
            List<JsonObject> rows = result.rows().stream().map(row -> StoredRows.asJson(result.columns(), row)).toList();
            assertThat(rows).hasSizeGreaterThan(100).containsExactlyInAnyOrderElementsOf(callLogs);
            List<Object> counts = store.query("SELECT count(*), sum(request) FILTER (window_seconds = 60),"
                    + " sum(request) FILTER (window_seconds = 1) FROM application", List.of(), ALL).rows().getFirst();
            assertThat(((Number) counts.get(0)).longValue()).isEqualTo(metricsLines);
            assertThat(((Number) counts.get(1)).longValue()).isPositive().isEqualTo(((Number) counts.get(2)).longValue());
        }
        assertThat(stored.err()).contains("wirespan: stored " + String.format("%,d", callLogs.size()) + " call logs and "
                + String.format("%,d", metricsLines) + " metrics rows in " + db);
    }

    @Test
    void aSecondRunAppendsAndAFileThatIsNotADatabaseIsBadInput() throws Exception {
        Path db = dir.resolve("w.duckdb");
        assertThat(StoredRows.parse("--store", db.toString()).exitCode()).isZero();
        long once = count(db);
        // --format table (the default on a terminal) does not take the call logs from the store
        assertThat(StoredRows.parse("--store", db.toString(), "--format", "table").exitCode()).isZero();
        assertThat(count(db)).isEqualTo(2 * once);

        Path junk = Files.writeString(dir.resolve("junk.duckdb"), "plain text, not a database ".repeat(300));
        CommandRun run = StoredRows.parse("--store", junk.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("wirespan: " + junk + ": cannot open as a DuckDB database");
    }

    private static long count(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM l7_flow_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
