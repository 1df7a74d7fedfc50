package io.wirespan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parse --store}: the DuckDB file holds exactly what the JSON lines say, and the RED metrics beside them. */
class ParseStoreTest {
    private static final List<String> CAPTURES = List.of("redis", "mysql", "postgresql", "http", "h2c", "grpc", "kafka", "mqtt", "mongodb");

    @TempDir
    Path dir;

    @Test
    void everyStoredRowIsItsJsonLineAndTheMetricsAreThere() throws Exception {
        Path db = dir.resolve("w.duckdb");
        CommandRun stored = parse("--store", db.toString(), "--metrics");
        assertThat(stored.exitCode()).as(stored.err()).isZero();
        assertThat(stored.out()).isEmpty();
        CommandRun printed = parse("--format", "jsonl", "--metrics");
        List<JsonObject> lines = printed.out().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        List<JsonObject> callLogs = lines.stream().filter(l -> !l.has("kind")).toList();
        long metricsLines = lines.stream().filter(l -> l.has("kind")).count();

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
             Statement s = c.createStatement()) {
            List<JsonObject> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT * FROM l7_flow_log")) {
                while (rs.next()) rows.add(asJson(rs));
            }
            assertThat(rows).hasSizeGreaterThan(100).containsExactlyInAnyOrderElementsOf(callLogs);
            try (ResultSet rs = s.executeQuery("SELECT count(*), sum(request) FILTER (window_seconds = 60),"
                    + " sum(request) FILTER (window_seconds = 1) FROM application")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(metricsLines);
                assertThat(rs.getLong(2)).isPositive().isEqualTo(rs.getLong(3));
            }
        }
        assertThat(stored.err()).contains("wirespan: stored " + String.format("%,d", callLogs.size()) + " call logs and "
                + String.format("%,d", metricsLines) + " metrics rows in " + db);
    }

    @Test
    void aSecondRunAppendsAndAFileThatIsNotADatabaseIsBadInput() throws Exception {
        Path db = dir.resolve("w.duckdb");
        assertThat(parse("--store", db.toString()).exitCode()).isZero();
        long once = count(db);
        // --format table (the default on a terminal) does not take the call logs from the store
        assertThat(parse("--store", db.toString(), "--format", "table").exitCode()).isZero();
        assertThat(count(db)).isEqualTo(2 * once);

        Path junk = Files.writeString(dir.resolve("junk.duckdb"), "plain text, not a database ".repeat(300));
        CommandRun run = parse("--store", junk.toString());
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

    /** A row as its JSON line would be: absent values and empty attributes left out. */
    private static JsonObject asJson(ResultSet rs) throws SQLException {
        JsonObject json = new JsonObject();
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnName(i);
            switch (rs.getObject(i)) {
                case null -> { }
                case String v -> json.addProperty(name, v);
                case Number v -> json.addProperty(name, v);
                case Boolean v -> json.addProperty(name, v);
                case Map<?, ?> v when v.isEmpty() -> { }
                case Map<?, ?> v -> {
                    JsonObject map = new JsonObject();
                    v.forEach((key, value) -> map.addProperty((String) key, (String) value));
                    json.add(name, map);
                }
                default -> throw new AssertionError(name + ": unexpected " + rs.getObject(i).getClass());
            }
        }
        return json;
    }

    private static CommandRun parse(String... options) {
        List<String> args = new ArrayList<>(List.of("parse", "--workers", "1"));
        args.addAll(List.of(options));
        for (String capture : CAPTURES) args.add(Path.of("..", "samples", capture + ".pcap").toString());
        return CommandRun.of(args.toArray(String[]::new));
    }
}
