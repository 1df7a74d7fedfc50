package io.wirespan.cli;

import io.wirespan.server.ServerSettings;
import io.wirespan.server.WirespanServer;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.QueryResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirespan demo}: the bundled sample captures, parsed into a DuckDB file and served with the web UI. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Parse the bundled sample captures (real traffic of nginx over HTTP/1.1 and h2c, grpc-java,"
                + " Apache Kafka, the MongoDB Java driver, dnsmasq, Redis, memcached, PostgreSQL, MariaDB and mosquitto)"
                + " into a DuckDB file, and serve the web UI over it.")
final class DemoCommand implements Callable<Integer> {
    /** The samples' servers listen on unprivileged ports, outside DNS's and memcached's default prefilters. */
    private static final String SAMPLES_CONFIG = """
            processors:
              request_log:
                filters:
                  port_number_prefilters: {DNS: "1-65535", Memcached: "1-65535"}
            """;
    private static final String PER_PROTOCOL = """
            SELECT l7_protocol_str, count(*), count(DISTINCT endpoint),
                   sum(CASE WHEN response_status IN ('client_error', 'server_error', 'timeout') THEN 1 ELSE 0 END),
                   quantile_cont(response_duration, 0.5)
            FROM l7_flow_log GROUP BY l7_protocol_str ORDER BY l7_protocol_str""";

    @Option(names = "--samples", paramLabel = "DIR", description = "Folder of captures to use (default: the bundled samples).")
    Path samples;

    @Option(names = "--db", paramLabel = "FILE", defaultValue = "wirespan-demo.duckdb",
            description = "The DuckDB file to load them into; it is replaced (default: ${DEFAULT-VALUE}).")
    Path db;

    @Option(names = "--no-serve", description = "Stop after loading.")
    boolean noServe;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + ServerSettings.DEFAULT_PORT,
            description = "Port of the web UI (default: ${DEFAULT-VALUE}; 0 for any free one).")
    int port;

    @Override
    public Integer call() throws Exception {
        Path folder = samples != null ? samples : bundledSamples();
        List<Path> captures = capturesIn(folder);
        if (captures.isEmpty()) throw new BadInputException(folder + ": no .pcap or .pcapng files");

        Files.deleteIfExists(db);
        Files.deleteIfExists(Path.of(db + ".wal"));
        deleteTree(ServerCommand.journalBeside(db)); // batches a server over the old file had not stored belong to it
        Path config = Files.createTempFile("wirespan-demo", ".yaml");
        try {
            Files.writeString(config, SAMPLES_CONFIG);
            // one worker: a few hundred packets need no more, and one worker gives the same call logs every run
            List<String> parse = new ArrayList<>(List.of("parse", "--workers", "1", "--store", db.toString(), "--config", config.toString()));
            captures.forEach(c -> parse.add(c.toString()));
            int exit = WirespanCommand.run(parse.toArray(String[]::new));
            if (exit != WirespanCommand.EXIT_OK) return exit;
        } finally {
            Files.deleteIfExists(config);
        }

        DuckDbStore store = Stores.duckDb(db);
        System.out.println("Wirespan demo: " + captures.size() + " sample captures from " + folder + ", in " + db);
        System.out.println();
        printPerProtocol(store.query(PER_PROTOCOL, List.of(), ServerSettings.DEFAULT_QUERY_LIMITS));
        if (noServe) {
            store.close();
            return WirespanCommand.EXIT_OK;
        }
        String token = ServerCommand.newToken();
        WirespanServer server = ServerCommand.serve(store, ServerCommand.journalBeside(db), store, token, null, "127.0.0.1", port);
        System.out.println();
        System.out.println("The web UI (stop with Ctrl-C):");
        System.out.println(server.uri());
        System.out.flush();
        System.err.println("wirespan: write endpoints (plugin upload) need this token: " + token);
        ServerCommand.awaitShutdown(server, store, store);
        return WirespanCommand.EXIT_OK;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }

    private static void printPerProtocol(QueryResult rows) {
        String format = "%-12s %10s %10s %8s %12s%n";
        System.out.printf(Locale.ROOT, format, "PROTOCOL", "CALL LOGS", "ENDPOINTS", "ERRORS", "P50 LATENCY");
        for (List<Object> row : rows.rows()) {
            Object p50 = row.get(4);
            System.out.printf(Locale.ROOT, format, row.get(0), row.get(1), row.get(2), row.get(3),
                    p50 == null ? "-" : Math.round(((Number) p50).doubleValue()) + " µs");
        }
    }

    /** The launcher passes the checkout's root; running the jar by hand falls back to the working directory. */
    private static Path bundledSamples() {
        String home = System.getProperty("wirespan.home");
        return Path.of(home == null ? "." : home, "samples");
    }

    private static List<Path> capturesIn(Path folder) throws IOException, BadInputException {
        if (!Files.isDirectory(folder)) throw new BadInputException(folder + ": no such folder");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.(pcap|pcapng)$")).sorted().toList();
        }
    }
}
