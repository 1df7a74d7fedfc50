package io.wirespan.cli;

import io.wirespan.api.CallLog;
import io.wirespan.engine.sink.CallLogSink;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Hands call logs to a sink (and to the RED metrics when asked) and counts them. The engine's output is a plain consumer, so a write
 * failure is kept and rethrown after the run rather than thrown through the engine.
 */
final class CountingSink implements Consumer<CallLog> {
    private final CallLogSink sink;
    private final Consumer<CallLog> metrics;
    private long count;
    private IOException failure;

    CountingSink(CallLogSink sink) {
        this(sink, null);
    }

    /** @param metrics where call logs are also counted (the RED metrics), or null */
    CountingSink(CallLogSink sink, Consumer<CallLog> metrics) {
        this.sink = sink;
        this.metrics = metrics;
    }

    @Override
    public void accept(CallLog log) {
        count++;
        if (metrics != null) metrics.accept(log);
        if (failure != null) return;
        try {
            sink.accept(log);
        } catch (IOException e) {
            failure = e;
        }
    }

    long count() {
        return count;
    }

    void rethrowFailure() throws IOException {
        if (failure != null) throw failure;
    }
}
