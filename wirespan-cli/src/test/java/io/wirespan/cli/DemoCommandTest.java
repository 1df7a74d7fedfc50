package io.wirespan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.server.ServerSettings;
import io.wirespan.store.DuckDbStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    private static final Path SAMPLES = Path.of("..", "samples").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void loadsEverySampleCaptureIntoTheDatabase() throws Exception {
        assertThat(SAMPLES.resolve("http.pcap")).exists();
        Path db = dir.resolve("demo.duckdb");
        Files.writeString(db, "an older demo file, replaced");

        CommandRun run = CommandRun.of("demo", "--no-serve", "--db", db.toString(), "--samples", SAMPLES.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("11 sample captures");
        for (String protocol : List.of("HTTP ", "HTTP2 ", "gRPC ", "Kafka ", "MongoDB ", "Redis ", "DNS ", "Memcached ",
                "PostgreSQL ", "MySQL ", "MQTT ")) {
            assertThat(run.out()).as(protocol).containsPattern("(?m)^" + protocol + " *[1-9]");
        }
        // the same call logs as parse writes with the demo's settings, one row each
        Path config = Files.writeString(dir.resolve("samples.yaml"),
                "processors:\n  request_log:\n    filters:\n      port_number_prefilters: {DNS: \"1-65535\", Memcached: \"1-65535\"}\n");
        try (var captures = Files.list(SAMPLES)) {
            List<String> args = new java.util.ArrayList<>(List.of("parse", "--workers", "1", "--format", "jsonl", "--config", config.toString()));
            captures.filter(p -> p.toString().endsWith(".pcap")).sorted().forEach(p -> args.add(p.toString()));
            long lines = CommandRun.of(args.toArray(String[]::new)).out().lines().count();
            try (DuckDbStore store = DuckDbStore.open(db)) {
                assertThat(count(store, "SELECT count(*) FROM l7_flow_log")).isEqualTo(lines).isGreaterThan(100);
                assertThat(count(store, "SELECT count(*) FROM application")).isPositive();
                assertThat(count(store, "SELECT count(*) FROM l7_flow_log WHERE l7_protocol_str = 'Kafka' AND request_type = 'Produce'"
                        + " AND request_resource = 'orders-0:0' AND server_port = 19092")).isEqualTo(1);
                assertThat(count(store, "SELECT count(*) FROM l7_flow_log WHERE l7_protocol_str = 'MongoDB' AND response_code = 59"
                        + " AND request_resource = '{\"frobnicate\": 1, \"$db\": \"shop\"}'")).isEqualTo(1);
            }
        }
    }

    @Test
    void emptySamplesFolderIsBadInput() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        CommandRun run = CommandRun.of("demo", "--no-serve", "--db", dir.resolve("x.duckdb").toString(), "--samples", empty.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no .pcap or .pcapng files");
    }

    private static long count(DuckDbStore store, String sql) throws Exception {
        return ((Number) store.query(sql, List.of(), ServerSettings.DEFAULT_QUERY_LIMITS).rows().getFirst().getFirst()).longValue();
    }
}
