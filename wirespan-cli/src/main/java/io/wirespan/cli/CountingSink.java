package io.wirespan.cli;

import io.wirespan.api.CallLog;
import io.wirespan.engine.sink.CallLogSink;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Hands call logs to a sink (and to the RED metrics or a second destination when asked) and counts them. The engine's output is a plain consumer, so a write
 * failure is kept and rethrown after the run rather than thrown through the engine.
 */
final class CountingSink implements Consumer<CallLog> {
    private final CallLogSink sink;
    private final Consumer<CallLog> alsoTo;
    private long count;
    private IOException failure;

    CountingSink(CallLogSink sink) {
        this(sink, null);
    }

    /** @param alsoTo where call logs go as well (the RED metrics, the agent's OTLP export), or null */
    CountingSink(CallLogSink sink, Consumer<CallLog> alsoTo) {
        this.sink = sink;
        this.alsoTo = alsoTo;
    }

    @Override
    public void accept(CallLog log) {
        count++;
        if (alsoTo != null) alsoTo.accept(log);
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
