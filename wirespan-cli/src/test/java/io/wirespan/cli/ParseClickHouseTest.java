package io.wirespan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.wirespan.store.ClickHouseServer;
import io.wirespan.store.ClickHouseStore;
import io.wirespan.store.QueryLimits;
import io.wirespan.store.QueryResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parse --clickhouse}: a real ClickHouse server holds exactly what the JSON lines say, and the RED metrics beside them. */
class ParseClickHouseTest {
    private static final QueryLimits ALL = new QueryLimits(1_000_000, Duration.ofSeconds(60));

    @TempDir
    static Path serverDir;

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
    void everyStoredRowIsItsJsonLineTheMetricsAreThereAndASecondRunAppends() throws Exception {
        URI url = server.url("parsed");
        CommandRun stored = StoredRows.parse("--clickhouse", url.toString(), "--metrics");
        assertThat(stored.exitCode()).as(stored.err()).isZero();
        assertThat(stored.out()).isEmpty();
        StoredRows.Printed printed = StoredRows.printed();
        List<JsonObject> callLogs = printed.callLogs();
        long metricsLines = printed.metricsLines();

        try (ClickHouseStore store = ClickHouseStore.open(url)) {
            QueryResult result = store.query("SELECT * FROM l7_flow_log", List.of(), ALL);
            assertThat(result.truncated()).isFalse();
            List<JsonObject> rows = result.rows().stream().map(row -> StoredRows.asJson(result.columns(), row)).toList();
            assertThat(rows).hasSizeGreaterThan(100).containsExactlyInAnyOrderElementsOf(callLogs);
            assertThat(store.query("SELECT count(), sumIf(request, window_seconds = 60), sumIf(request, window_seconds = 1)"
                    + " FROM application", List.of(), ALL).rows().getFirst()).satisfies(counts -> {
                        assertThat(counts.getFirst()).isEqualTo(metricsLines);
                        assertThat((Long) counts.get(1)).isPositive().isEqualTo(counts.get(2));
                    });
            assertThat(stored.err()).contains("wirespan: stored " + String.format("%,d", callLogs.size()) + " call logs and "
                    + String.format("%,d", metricsLines) + " metrics rows in " + url);

            assertThat(StoredRows.parse("--clickhouse", url.toString(), "--format", "table").exitCode()).isZero();
            assertThat(store.query("SELECT count() FROM l7_flow_log", List.of(), ALL).rows())
                    .containsExactly(List.of(2L * callLogs.size()));
        }
    }

    @Test
    void oneStoreAtATimeAndABadUrlOrADownServerIsOneLine() throws Exception {
        CommandRun both = StoredRows.parse("--store", "x.duckdb", "--clickhouse", server.url("both").toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");

        CommandRun notClickHouse = StoredRows.parse("--clickhouse", "ftp://u:secret@127.0.0.1/db");
        assertThat(notClickHouse.exitCode()).isEqualTo(2);
        assertThat(notClickHouse.err().strip()).isEqualTo("wirespan: --clickhouse: not a ClickHouse URL"
                + " (http(s)://[user[:password]@]host[:port][/database]): the scheme must be http or https: ftp://127.0.0.1/db");
        CommandRun notAUrl = StoredRows.parse("--clickhouse", "http://bad host/db");
        assertThat(notAUrl.exitCode()).isEqualTo(2);
        assertThat(notAUrl.err().strip()).isEqualTo("wirespan: --clickhouse: not a URL: Illegal character in authority at index 10");

        int closed;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closed = socket.getLocalPort();
        }
        CommandRun down = StoredRows.parse("--clickhouse", "http://127.0.0.1:" + closed);
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err().strip()).isEqualTo("wirespan: http://127.0.0.1:" + closed + "/default: cannot reach ClickHouse: connection refused");
    }
}
