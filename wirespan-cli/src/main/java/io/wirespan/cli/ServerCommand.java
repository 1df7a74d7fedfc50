package io.wirespan.cli;

import io.wirespan.server.ServerSettings;
import io.wirespan.server.WirespanServer;
import io.wirespan.server.registry.Registry;
import io.wirespan.store.CallLogStore;
import io.wirespan.store.ClickHouseStore;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.Retention;
import io.wirespan.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirespan server}: the query API, ingest, the plugin registry and the web UI over a store. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Serve the web UI, the query API, ingest from agents and the plugin registry over a store.")
final class ServerCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--db", paramLabel = "FILE", description = "The DuckDB file to serve (created when missing).")
        Path db;

        @Option(names = "--clickhouse", paramLabel = "URL",
                description = "A ClickHouse server: http(s)://[user[:password]@]host[:port][/database].")
        String clickhouse;
    }

    @Option(names = "--state", paramLabel = "FILE", defaultValue = "wirespan-state.duckdb",
            description = "With --clickhouse: the DuckDB file of the plugin registry and group configuration (default: ${DEFAULT-VALUE}).")
    Path state;

    @Option(names = "--journal", paramLabel = "DIR",
            description = "Where acknowledged batches wait for the store, so that a crash loses none (default: beside the --db file,"
                    + " or beside the --state file with --clickhouse, named as it with .journal added).")
    Path journal;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + ServerSettings.DEFAULT_PORT,
            description = "Port to listen on (default: ${DEFAULT-VALUE}, DeepFlow's querier port; 0 for any free one).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, every interface, for agents on other hosts).")
    String host;

    @Option(names = "--token", paramLabel = "T",
            description = "Token the write endpoints require (default: $WIRESPAN_TOKEN, or else a new one, printed).")
    String token;

    @Option(names = "--keep-everything", description = "Never delete old rows (default: DeepFlow's retention: call logs 72 h,"
            + " 1 s metrics 24 h, 1 min metrics 168 h).")
    boolean keepEverything;

    @Override
    public Integer call() throws Exception {
        String secret = ServerClient.token(token);
        boolean generated = secret == null;
        if (generated) secret = newToken();
        CallLogStore store = target.db != null ? Stores.duckDb(target.db) : Stores.clickHouse(target.clickhouse);
        DuckDbStore registry = store instanceof DuckDbStore duckDb ? duckDb : Stores.duckDb(state);
        Path journalDir = journal != null ? journal : journalBeside(target.db != null ? target.db : state);
        WirespanServer server = serve(store, journalDir, registry, secret, keepEverything ? null : Retention.DEEPFLOW_DEFAULTS, host, port);
        String served = store instanceof ClickHouseStore clickHouse ? clickHouse.url() : target.db.toString();
        System.out.println(server.uri());
        System.err.println("wirespan: serving " + served + " at " + server.uri() + " (stop with Ctrl-C)");
        if (generated) System.err.println("wirespan: write endpoints need this token (give --token to choose one): " + secret);
        awaitShutdown(server, store, registry);
        return WirespanCommand.EXIT_OK;
    }

    /** The ingest journal's default place: beside the database file, named as it with {@code .journal} added. */
    static Path journalBeside(Path file) {
        return file.resolveSibling(file.getFileName() + ".journal");
    }

    /** Starts a server, or closes the stores and says why it could not. */
    static WirespanServer serve(CallLogStore store, Path journal, DuckDbStore registry, String token, Retention retention, String host,
            int port) throws Exception {
        try {
            return WirespanServer.start(new ServerSettings(store, journal, new Registry(registry), token, ServerSettings.DEFAULT_QUERY_LIMITS,
                    retention, host, port));
        } catch (IOException e) {
            close(store, registry);
            throw new IOException(journal + ": cannot open the ingest journal: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(store, registry);
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException("cannot listen on " + host + ":" + port + ": " + cause.getMessage(), e);
        }
    }

    /** Serves until the process is told to stop; then the server finishes its requests and the stores are closed. */
    static void awaitShutdown(WirespanServer server, CallLogStore store, DuckDbStore registry) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            close(store, registry);
            stopped.countDown();
        }, "wirespan-shutdown"));
        stopped.await();
    }

    private static void close(CallLogStore store, DuckDbStore registry) {
        for (CallLogStore s : registry == store ? List.of(store) : List.of(store, registry)) {
            try {
                s.close();
            } catch (StoreException e) {
                System.err.println("wirespan: " + e.getMessage());
            }
        }
    }

    static String newToken() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
