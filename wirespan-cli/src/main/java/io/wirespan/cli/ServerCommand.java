package io.wirespan.cli;

import io.wirespan.server.ServerSettings;
import io.wirespan.server.WirespanServer;
import io.wirespan.server.registry.Registry;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.Retention;
import io.wirespan.store.StoreException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirespan server}: the query API, ingest, the plugin registry and the web UI over a store. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Serve the web UI, the query API, ingest from agents and the plugin registry over a store.")
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--db", paramLabel = "FILE", required = true, description = "The DuckDB file to serve (created when missing).")
    Path db;

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
        DuckDbStore store = open(db);
        WirespanServer server = serve(store, secret, keepEverything ? null : Retention.DEEPFLOW_DEFAULTS, host, port);
        System.out.println(server.uri());
        System.err.println("wirespan: serving " + db + " at " + server.uri() + " (stop with Ctrl-C)");
        if (generated) System.err.println("wirespan: write endpoints need this token (give --token to choose one): " + secret);
        awaitShutdown(server, store);
        return WirespanCommand.EXIT_OK;
    }

    static DuckDbStore open(Path db) throws BadInputException {
        try {
            return DuckDbStore.open(db);
        } catch (StoreException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    static WirespanServer serve(DuckDbStore store, String token, Retention retention, String host, int port) throws Exception {
        try {
            return WirespanServer.start(new ServerSettings(store, new Registry(store), token, ServerSettings.DEFAULT_QUERY_LIMITS,
                    retention, host, port));
        } catch (RuntimeException e) {
            store.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new java.io.IOException("cannot listen on " + host + ":" + port + ": " + cause.getMessage(), e);
        }
    }

    /** Serves until the process is told to stop; then the server finishes its requests and the store is closed. */
    static void awaitShutdown(WirespanServer server, DuckDbStore store) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            try {
                store.close();
            } catch (StoreException e) {
                System.err.println("wirespan: " + e.getMessage());
            }
            stopped.countDown();
        }, "wirespan-shutdown"));
        stopped.await();
    }

    static String newToken() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
