package io.wirespan.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.L7Protocol;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsJsonTest {
    private static final long T0 = 1_700_000_040_000_000L;

    private static MetricsRow row(String endpoint, Long rrtMax) {
        return new MetricsRow(1, T0, L7Protocol.HTTP1, "10.0.0.2", 80, endpoint, false, 5, 4, 1, 2, 1,
                600, 3, rrtMax, rrtMax == null ? null : 200L, rrtMax == null ? null : 300L, rrtMax, 50, 5000);
    }

    @Test
    void writesCallLogMdKeysWithKindAndWindow() {
        assertThat(MetricsJson.toJson(row("/api/\"users\"", 300L))).isEqualTo("{\"kind\":\"metrics\","
                + "\"time\":1700000040000000,\"window\":1,\"l7_protocol\":20,\"l7_protocol_str\":\"HTTP\","
                + "\"ip_1\":\"10.0.0.2\",\"server_port\":80,\"endpoint\":\"/api/\\\"users\\\"\",\"request\":5,"
                + "\"response\":4,\"client_error\":1,\"server_error\":2,\"timeout\":1,\"error\":3,\"rrt_sum\":600,"
                + "\"rrt_count\":3,\"rrt_max\":300,\"rrt_p50\":200,\"rrt_p90\":300,\"rrt_p99\":300,"
                + "\"request_bytes\":50,\"response_bytes\":5000}");
    }

    @Test
    void omitsAbsentEndpointAndLatency() {
        String json = MetricsJson.toJson(row(null, null));
        assertThat(json).doesNotContain("endpoint", "rrt_max", "rrt_p50", "rrt_p90", "rrt_p99")
                .contains("\"rrt_count\":3");
    }

    @Test
    void overflowRowIsMarkedAndHasNoServerOrEndpoint() {
        MetricsRow overflow = new MetricsRow(60, T0, L7Protocol.REDIS, null, 0, null, true, 1, 1, 0, 0, 0,
                0, 0, null, null, null, null, 3, 4);
        assertThat(MetricsJson.toJson(overflow)).startsWith("{\"kind\":\"metrics\",\"time\":1700000040000000,"
                + "\"window\":60,\"l7_protocol\":80,\"l7_protocol_str\":\"Redis\",\"overflow\":true,\"request\":1,")
                .doesNotContain("ip_1", "server_port", "endpoint");
    }

    @Test
    void writesOneObjectPerLine() throws Exception {
        StringBuilder out = new StringBuilder();
        MetricsJson.writeLines(List.of(row("/a", 1L), row("/b", 2L)), out);
        assertThat(out.toString().lines().toList()).hasSize(2)
                .allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
    }

    @Test
    void tableShowsServerAverageAndPercentilesAndDashForAbsentValues() {
        StringWriter text = new StringWriter();
        MetricsTable table = new MetricsTable(new PrintWriter(text));
        table.add(List.of(row("/a", 300L), new MetricsRow(1, T0, L7Protocol.HTTP1, "2001:db8::2", 443, null, false,
                1, 0, 0, 0, 1, 0, 0, null, null, null, null, 0, 0)));
        table.close();

        List<String> lines = text.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("TIME (UTC)", "AVG µs", "P99 µs");
        assertThat(lines.get(1)).contains("2023-11-14 22:14:00", "10.0.0.2:80", "/a", " 200 ");
        assertThat(lines.get(2)).contains("[2001:db8::2]:443", " - ");
    }

    @Test
    void emptyTableSaysSo() {
        StringWriter text = new StringWriter();
        new MetricsTable(new PrintWriter(text)).close();
        assertThat(text.toString()).isEqualTo("(no metrics)" + System.lineSeparator());
    }
}
