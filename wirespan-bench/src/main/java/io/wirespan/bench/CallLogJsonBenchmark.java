package io.wirespan.bench;

import io.wirespan.api.CallLog;
import io.wirespan.engine.sink.CallLogJson;
import io.wirespan.engine.sink.JsonOutput;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Call logs written as JSON lines, the last stage of {@code wirespan parse}: realistic HTTP call
 * logs ({@link StoreBenchmark#callLogs}) into one reused buffer, as the JSON-lines sink does.
 * The score is call logs per second on one core.
 *
 * <p>Not final: JMH generates subclasses of its state classes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CallLogJsonBenchmark {
    private static final int LOGS = 4096;
    private List<CallLog> logs;
    private final JsonOutput out = new JsonOutput(4 << 20);

    @Setup
    public void logs() {
        logs = StoreBenchmark.callLogs(LOGS, 1_763_000_000_000_000L, new SplittableRandom(3));
    }

    @Benchmark
    @OperationsPerInvocation(LOGS)
    public int jsonLines() {
        out.reset();
        for (CallLog log : logs) {
            CallLogJson.append(out, log);
            out.ascii('\n');
        }
        return out.length();
    }
}
