package io.wirespan.bench;

import io.wirespan.api.CallLog;
import io.wirespan.api.CallLogType;
import io.wirespan.api.L7Protocol;
import io.wirespan.api.ResponseStatus;
import io.wirespan.store.CallLogStore;
import io.wirespan.store.DuckDbStore;
import io.wirespan.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ingest into the embedded store: batches of {@value #BATCH} call logs shaped like real ones (an
 * HTTP service's paths, statuses, durations, some trace ids and attributes) appended to a DuckDB
 * file, as a pipeline shard's {@code StoreSink} and the server's ingest do. The score is call logs
 * per second; the goal is 200,000 or more.
 *
 * <p>Not final: JMH generates subclasses of its state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class StoreBenchmark {
    static final int BATCH = 8192;
    /** Batches written together by the server: 131,072 call logs fill a DuckDB row group, which skips the write-ahead log. */
    static final int GROUP = 16;

    private Path dir;
    private DuckDbStore store;
    private List<CallLog> batch;
    private int batches;

    @Setup(Level.Trial)
    public void open() throws IOException, StoreException {
        dir = Files.createTempDirectory("wirespan-store-bench");
        store = DuckDbStore.open(dir.resolve("bench.duckdb"));
        batch = callLogs(BATCH, 1_763_000_000_000_000L, new SplittableRandom(42));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException, StoreException {
        store.close();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(dir);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void append() throws StoreException {
        store.append(batch);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void appendBatch() throws StoreException {
        store.appendBatch("batch-" + batches++, batch, List.of());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH * GROUP)
    public void appendBatches() throws StoreException {
        List<CallLogStore.AgentBatch> group = new ArrayList<>(GROUP);
        for (int i = 0; i < GROUP; i++) group.add(new CallLogStore.AgentBatch("batch-" + batches++, batch, List.of()));
        store.appendBatches(group);
    }

    /** Call logs of a busy HTTP service: 200 endpoints, mostly 200s, a few errors, a third traced. */
    static List<CallLog> callLogs(int count, long start, SplittableRandom random) {
        List<CallLog> logs = new ArrayList<>(count);
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < count; i++) {
            int endpoint = random.nextInt(200);
            int roll = random.nextInt(100);
            int code = roll < 93 ? 200 : roll < 97 ? 404 : 503;
            ResponseStatus status = code == 200 ? ResponseStatus.OK : code == 404 ? ResponseStatus.CLIENT_ERROR : ResponseStatus.SERVER_ERROR;
            long begin = start + i * 50L;
            long duration = 200 + (long) (random.nextDouble() * random.nextDouble() * 50_000);
            byte[] trace = new byte[16];
            random.nextBytes(trace);
            CallLog.Builder log = CallLog.builder().type(CallLogType.SESSION).startTime(begin).endTime(begin + duration).flowId(i / 4)
                    .protocol("TCP").client("10.1." + random.nextInt(256) + "." + random.nextInt(256), 30000 + random.nextInt(30000))
                    .server("10.2.0." + (endpoint % 16), 8080).agent("node-" + (i % 8)).l7Protocol(L7Protocol.HTTP1).version("1.1")
                    .requestType(roll % 5 == 0 ? "POST" : "GET").requestDomain("orders.shop.svc")
                    .requestResource("/api/v1/e" + endpoint + "/items/" + random.nextInt(100_000) + "?page=" + random.nextInt(10))
                    .endpoint("/api/v1/e" + endpoint).responseStatus(status).responseCode(code)
                    .responseException(code == 200 ? null : code == 404 ? "Not Found" : "Service Unavailable")
                    .responseDuration(duration - 100).requestLength((long) random.nextInt(2000)).responseLength((long) random.nextInt(20_000))
                    .capturedRequestByte(300 + random.nextInt(1000)).capturedResponseByte(500 + random.nextInt(5000));
            if (random.nextInt(3) == 0) {
                log.traceId(hex.formatHex(trace)).spanId(hex.formatHex(trace, 0, 8)).xRequestId0(hex.formatHex(trace, 8, 16));
            }
            if (random.nextInt(10) == 0) log.attributes(Map.of("business_id", "b-" + random.nextInt(1000)));
            logs.add(log.build());
        }
        return logs;
    }
}
