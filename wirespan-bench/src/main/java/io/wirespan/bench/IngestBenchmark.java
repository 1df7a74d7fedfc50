package io.wirespan.bench;

import io.wirespan.server.ServerSettings;
import io.wirespan.server.WirespanServer;
import io.wirespan.server.ingest.IngestCodec;
import io.wirespan.server.ingest.proto.Batch;
import io.wirespan.server.registry.Registry;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The server's ingest, whole: {@value #SENDERS} agents each posting gzip protobuf batches of
 * {@value StoreBenchmark#BATCH} call logs to {@code POST /v1/ingest} of a server over a DuckDB
 * file, each acknowledged once in the server's journal. The score is call logs acknowledged per
 * second. Acknowledgements can run ahead of the store by the writer's queue, so the figure that
 * counts, printed at the end, is the rate at which the store took call logs during the
 * measurement iterations; the goal is 200,000 or more. At the end the benchmark also waits for
 * the store to take everything and counts the stored rows against the batches acknowledged.
 *
 * <p>Not final: JMH generates subclasses of its state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(IngestBenchmark.SENDERS)
public class IngestBenchmark {
    static final int SENDERS = 16;
    private static final String TOKEN = "bench";

    private Path dir;
    private DuckDbStore store;
    private WirespanServer server;
    private HttpClient client;
    private URI ingest;
    /** The batch without its id, gzipped once: each post is a gzipped id followed by it, two gzip members that inflate as one message. */
    private byte[] callLogsGzip;
    private final AtomicLong acknowledged = new AtomicLong();
    private long started;
    /** Call logs stored and nanoseconds spent during the measurement iterations, and where the current one began. */
    private long measuredRows, measuredNanos, iterationRows, iterationStart;

    @Setup(Level.Trial)
    public void start() throws IOException, StoreException {
        dir = Files.createTempDirectory("wirespan-ingest-bench");
        store = DuckDbStore.open(dir.resolve("ingest.duckdb"));
        server = WirespanServer.start(new ServerSettings(store, dir.resolve("journal"), new Registry(store), TOKEN, ServerSettings.DEFAULT_QUERY_LIMITS, null,
                "127.0.0.1", 0));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ingest = URI.create(server.uri() + "v1/ingest");
        var logs = StoreBenchmark.callLogs(StoreBenchmark.BATCH, 1_763_000_000_000_000L, new SplittableRandom(42));
        callLogsGzip = gzip(IngestCodec.encode("", "bench", logs, List.of()).toByteArray());
        started = System.nanoTime();
    }

    @Setup(Level.Iteration)
    public void iterationStarts() {
        iterationRows = stored();
        iterationStart = System.nanoTime();
    }

    /** What the store took during a measurement iteration: its rate, unlike the acknowledgements', cannot run ahead of the store. */
    @TearDown(Level.Iteration)
    public void iterationEnds(IterationParams iteration) {
        if (iteration.getType() != IterationType.MEASUREMENT) return;
        measuredRows += stored() - iterationRows;
        measuredNanos += System.nanoTime() - iterationStart;
    }

    private long stored() {
        return acknowledged.get() * StoreBenchmark.BATCH - server.ingestBacklog();
    }

    /**
     * Waits until the store has every batch acknowledged, then reports the rate from the first post
     * to the last row stored (warm-up included), the figure that counts: acknowledgements alone
     * can run ahead of the store by the writer's queue.
     */
    @TearDown(Level.Trial)
    public void stop() throws IOException, StoreException, InterruptedException {
        while (server.ingestBacklog() > 0) Thread.sleep(10);
        double seconds = (System.nanoTime() - started) / 1e9;
        String metrics = client.send(HttpRequest.newBuilder(URI.create(server.uri() + "metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        server.close();
        long stored = store.read(c -> {
            try (var s = c.createStatement(); var r = s.executeQuery("SELECT count(*) FROM l7_flow_log")) {
                r.next();
                return r.getLong(1);
            }
        });
        store.close();
        System.out.printf("%n%.0f batches in %.0f groups; stored during the measurement iterations: %.0f call logs/s;"
                        + " %d call logs stored in %.1f s from the first post to the last stored, warm-up included: %.0f call logs/s%n",
                counter(metrics, "wirespan_server_ingest_batches_total"), counter(metrics, "wirespan_server_ingest_groups_total"),
                measuredRows / (measuredNanos / 1e9), stored, seconds, stored / seconds);
        ProjectFiles.deleteTree(dir);
        long expected = acknowledged.get() * StoreBenchmark.BATCH;
        if (stored != expected) throw new IllegalStateException(stored + " call logs stored, but " + expected + " acknowledged");
    }

    @Benchmark
    @OperationsPerInvocation(StoreBenchmark.BATCH)
    public void post() throws IOException, InterruptedException {
        byte[] id = gzip(Batch.newBuilder().setBatchId("batch-" + System.nanoTime() + "-" + Thread.currentThread().threadId()).build().toByteArray());
        HttpRequest request = HttpRequest.newBuilder(ingest)
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(id, callLogsGzip)))
                .build();
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 || !answer.body().contains("\"stored\":true")) {
            throw new IllegalStateException("ingest answered " + answer.statusCode() + " " + answer.body());
        }
        acknowledged.incrementAndGet();
    }

    private static double counter(String exposition, String name) {
        return exposition.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElseThrow();
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
