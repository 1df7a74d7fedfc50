package io.wirespan.engine.sink;

import io.wirespan.api.CallLog;
import java.io.IOException;

/** One sink shared by the shards of a pipeline: calls take turns. */
public final class SynchronizedSink implements CallLogSink {
    private final CallLogSink sink;

    public SynchronizedSink(CallLogSink sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void accept(CallLog log) throws IOException {
        sink.accept(log);
    }

    @Override
    public synchronized void close() throws IOException {
        sink.close();
    }
}
