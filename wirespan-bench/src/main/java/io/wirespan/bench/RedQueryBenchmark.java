package io.wirespan.bench;

import io.wirespan.server.ServerSettings;
import io.wirespan.server.WirespanServer;
import io.wirespan.server.registry.Registry;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.StoreException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The RED dashboard's queries over {@code rows} call logs (10 million by default: 200 endpoints
 * over one hour), through the server's HTTP API as the UI asks them: RED over time for all
 * traffic, RED over time for one endpoint, and the endpoint table. The goal is 1 s or less over
 * 10 million rows.
 *
 * <p>Not final: JMH generates subclasses of its state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class RedQueryBenchmark {
    private static final long START = 1_763_000_000_000_000L, HOUR = 3_600_000_000L;

    @Param("10000000")
    public long rows;

    private Path dir;
    private DuckDbStore store;
    private WirespanServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    /** The rows are made by DuckDB itself: ten million through the appender would take longer than the benchmark. */
    @Setup(Level.Trial)
    public void fill() throws IOException, StoreException {
        dir = Files.createTempDirectory("wirespan-red-bench");
        store = DuckDbStore.open(dir.resolve("red.duckdb"));
        store.read(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO l7_flow_log (type, start_time, end_time, flow_id, protocol, ip_0, ip_1, client_port, server_port,"
                        + " l7_protocol, l7_protocol_str, request_type, request_resource, endpoint, response_status, response_code,"
                        + " response_duration, captured_request_byte, captured_response_byte, attributes)"
                        + " SELECT 'session', " + START + " + i * " + HOUR / rows + ", " + START + " + i * " + HOUR / rows + " + 900, i // 4,"
                        + " 'TCP', '10.1.0.1', '10.2.0.' || (i % 16), 30000 + i % 30000, 8080, 20, 'HTTP', 'GET',"
                        + " '/api/v1/e' || (i % 200) || '/items/' || (i % 100000), '/api/v1/e' || (i % 200),"
                        + " CASE WHEN hash(i) % 100 < 93 THEN 'ok' WHEN hash(i) % 100 < 97 THEN 'client_error' ELSE 'server_error' END,"
                        + " CASE WHEN hash(i) % 100 < 93 THEN 200 WHEN hash(i) % 100 < 97 THEN 404 ELSE 503 END,"
                        + " 100 + hash(i * 7) % 50000, 400, 900, MAP {} FROM range(" + rows + ") t(i)");
            }
            return null;
        });
        server = WirespanServer.start(new ServerSettings(store, dir.resolve("journal"), new Registry(store), "bench", ServerSettings.DEFAULT_QUERY_LIMITS, null,
                "127.0.0.1", 0));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException, StoreException {
        server.close();
        store.close();
        ProjectFiles.deleteTree(dir);
    }

    @Benchmark
    public String redOfAll() throws IOException, InterruptedException {
        return get("/v1/red");
    }

    @Benchmark
    public String redOfOneEndpoint() throws IOException, InterruptedException {
        return get("/v1/red?protocol=HTTP&endpoint=/api/v1/e42");
    }

    @Benchmark
    public String endpoints() throws IOException, InterruptedException {
        return get("/v1/endpoints");
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(server.uri() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) throw new IllegalStateException(path + ": " + answer.statusCode() + " " + answer.body());
        return answer.body();
    }
}
